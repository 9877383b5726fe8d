package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.ChannelRouter.Route;
import dev.leadflow.messaging.MessageLedger.PendingAttempt;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;
import dev.leadflow.messaging.TemplateCatalog.Category;
import dev.leadflow.messaging.TemplateCatalog.Template;

/**
 * The one boundary every send crosses, and the place where every rule of the WhatsApp operation lives:
 * consent, quiet hours, frequency caps, the 24-hour window, channels, and what each of Meta's error codes
 * means. It guarantees that one idempotency key reaches the channel at most once: the attempt is committed
 * as PENDING before the request, under the lead's lock, and a unique key in the ledger stops any second
 * writer. Every outcome says why: sent, skipped, deferred until when, or failed.
 */
@Service
public class MessagingService {

    private static final Logger log = LoggerFactory.getLogger(MessagingService.class);
    /** A wait this short is slept through; a longer one gives the job thread back. */
    private static final Duration SHORT_RATE_WAIT = Duration.ofMillis(50);
    /** How long a send waits when another send of the same lead holds its lock. */
    private static final Duration LEAD_BUSY_DELAY = Duration.ofSeconds(5);
    /** The skip reason of a step the legacy automations did before Leadflow took over. */
    public static final String SENT_BY_LEGACY = "already sent by the legacy system";
    /** The skip reason of a step of a flow whose messages the legacy system still sends. */
    public static final String LEFT_TO_LEGACY = "left to the legacy system: the flow is in legacy mode";
    /** How often a send held by an operator's pause looks again whether it was resumed. */
    static final Duration OPERATOR_PAUSE_RECHECK = Duration.ofMinutes(1);

    private final RecipientDirectory recipients;
    private final TemplateCatalog catalog;
    private final MessageLedger ledger;
    private final SendHolds holds;
    private final OutboundChannel channel;
    private final ChannelRouter channels;
    private final QuietHours quietHours;
    private final FrequencyCap frequencyCap;
    private final SendBackoff backoff;
    private final Coordination coordination;
    private final MessagingProperties properties;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final SendObservers observers;
    private final SendHandover handover;
    private final CustomerServiceWindows windows;
    private final Duration awakeFor;

    MessagingService(RecipientDirectory recipients, TemplateCatalog catalog, MessageLedger ledger, SendHolds holds,
                     OutboundChannel channel, ChannelRouter channels, QuietHours quietHours,
                     FrequencyCap frequencyCap, SendBackoff backoff, Coordination coordination,
                     MessagingProperties properties, Clock clock, PlatformTransactionManager transactionManager,
                     SendObservers observers, ObjectProvider<SendHandover> handover,
                     CustomerServiceWindows windows,
                     @Value("${leadflow.messaging.awake-for:PT30M}") Duration awakeFor) {
        this.recipients = recipients;
        this.catalog = catalog;
        this.ledger = ledger;
        this.holds = holds;
        this.channel = channel;
        this.channels = channels;
        this.quietHours = quietHours;
        this.frequencyCap = frequencyCap;
        this.backoff = backoff;
        this.coordination = coordination;
        this.properties = properties;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.observers = observers;
        this.handover = handover.getIfAvailable(() -> SendHandover.LEADFLOW_ONLY);
        this.windows = windows;
        this.awakeFor = awakeFor;
    }

    /** Everything one send needs, resolved once. */
    private record Send(SendCommand command, String key, Recipient lead, Template template, Route route,
                        List<Hold> probes) {

        Category category() {
            return template.getCategory();
        }
    }

    /**
     * Sends the command's message unless it went out already or a rule forbids it now or for good.
     *
     * @return SENT, ALREADY_SENT, SKIPPED (with the reason) or DEFERRED (until when, and why)
     * @throws RetryLaterException           when it may work later (the job is retried, then an incident)
     * @throws PermanentSendFailureException when it will not work as configured (ops decide)
     */
    public SendOutcome send(SendCommand command) {
        SendOutcome outcome;
        try {
            outcome = decide(command);
        } catch (RuntimeException failure) {
            observers.refused(command, failure);
            throw failure;
        }
        observers.decided(command, outcome);
        return outcome;
    }

    private SendOutcome decide(SendCommand command) {
        String key = command.idempotencyKey();
        SendHandover.Mode mode = handover.modeOf(command.flow());
        if (mode == SendHandover.Mode.LEGACY) {
            return SendOutcome.skipped(key, LEFT_TO_LEGACY);
        }
        if (mode == SendHandover.Mode.LEADFLOW && handover.sentByLegacy(command, now())) {
            return SendOutcome.skipped(key, SENT_BY_LEGACY);
        }
        Optional<MessageAttempt> earlier = ledger.findByKey(key);
        if (earlier.isPresent() && earlier.get().status().accepted()) {
            return SendOutcome.alreadySent(key, earlier.get().wamid());
        }
        Optional<Recipient> found = recipients.find(command.leadId());
        if (found.isEmpty()) {
            return SendOutcome.skipped(key, "unknown lead");
        }
        Recipient lead = found.get();
        Template template = catalog.get(command.templateKey());
        Optional<String> forbidden = forbidden(lead, template, command);
        if (forbidden.isPresent()) {
            return SendOutcome.skipped(key, forbidden.get());
        }
        Instant now = now();
        String market = Markets.of(lead.phone(), lead.locale()).orElse(null);
        Route route = channels.pick(market, lead.attributes().get(properties.brandAttribute()), lead.owner());

        Optional<Deferral> notNow = template.isIgnoreQuietHours() || awake(lead, route, now) ? Optional.empty()
                : quietHours.check(market, quietHours.zoneFor(lead.timezone(), market), now);
        if (notNow.isEmpty()) {
            notNow = activeHold(Kind.RECIPIENT, lead.phone(), now, "the recipient's pair rate limit (131056)");
        }
        if (notNow.isEmpty() && template.getCategory() == Category.MARKETING) {
            notNow = activeHold(Kind.MARKETING, lead.leadId(), now, "the lead's marketing limit (131049)");
        }
        if (notNow.isPresent()) {
            return SendOutcome.deferred(key, notNow.get());
        }
        ProbeOrWait channelHold = probeOrWait(Kind.CHANNEL, route.id(), "channel " + route.name() + " (" + route.id()
                + ") is paused", properties.channelPauseProbe(), now);
        if (channelHold.deferral().isPresent()) {
            return SendOutcome.deferred(key, channelHold.deferral().get());
        }
        ProbeOrWait templateHold = probeOrWait(Kind.TEMPLATE, template.getName(), "template " + template.getName()
                + " is paused", properties.templatePauseProbe(), now);
        if (templateHold.deferral().isPresent()) {
            return SendOutcome.deferred(key, templateHold.deferral().get());
        }
        List<Hold> probes = java.util.stream.Stream.of(channelHold.probe(), templateHold.probe())
                .flatMap(Optional::stream).toList();

        if (mode == SendHandover.Mode.SHADOW) {
            handover.recordShadow(command, now);
            return SendOutcome.skipped(key, "shadow mode: would have sent template " + template.getName()
                    + "; nothing was sent");
        }
        Send send = new Send(command, key, lead, template, route, probes);
        return coordination.withLeadLock(lead.leadId(), properties.leadLockWait(), () -> sendUnderLock(send))
                .orElseGet(() -> SendOutcome.deferred(key, new Deferral(now().plus(LEAD_BUSY_DELAY),
                        "another send to this lead is in progress")));
    }

    /**
     * A lead that wrote to this number within {@code leadflow.messaging.awake-for} is awake: quiet hours do not
     * hold its sends, which go inside the 24-hour window that message opened.
     */
    private boolean awake(Recipient lead, Route route, Instant now) {
        Instant lastInbound = windows.lastInboundFor(lead, route.id());
        return lastInbound != null && !lastInbound.isBefore(now.minus(awakeFor))
                && CustomerServiceWindow.isOpen(lastInbound, now);
    }

    /** An operator decided the lead's number cannot receive WhatsApp messages. */
    public void markNumberInvalid(String leadId, String why) {
        recipients.find(leadId).ifPresent(lead -> {
            inOwnTransaction(() -> recipients.recordUndeliverable(leadId, lead.phone(), now()));
            log.info("Lead {}: number marked undeliverable by an operator ({})", leadId, why);
        });
    }

    /**
     * An operator pauses a channel (its phone-number id) or a Meta template (its name): its sends wait,
     * deferred, until the operator resumes it; none is dropped.
     *
     * @throws OpsRequestException unknown subject, or already paused by an operator
     */
    public void pause(PausableSubject subject, String id, String operator, String reason) {
        Kind kind = known(subject, id);
        if (!inOwnTransaction(() -> holds.pauseByOperator(kind, id, operator, reason, now()))) {
            throw OpsRequestException.notApplicable(subject.label + " " + id + " is already paused by an operator");
        }
        log.warn("{} {} paused by operator {}: its sends wait until it is resumed", subject.label, id, operator);
    }

    /**
     * Lifts the hold on a channel or template, the operator's or one Meta's refusals set; its held sends go
     * at their next check.
     *
     * @return the hold that was lifted
     * @throws OpsRequestException unknown subject, or nothing holds it
     */
    public String resume(PausableSubject subject, String id, String operator) {
        Kind kind = known(subject, id);
        Optional<Hold> hold = holds.find(kind, id);
        if (hold.isEmpty() || !inOwnTransaction(() -> holds.lift(kind, id))) {
            throw OpsRequestException.notApplicable(subject.label + " " + id + " is not paused");
        }
        log.warn("{} {} resumed by operator {} (it was held: {})", subject.label, id, operator, hold.get().reason());
        return hold.get().reason();
    }

    /** The channels and templates an operator has paused or Meta's refusals hold now, with why. */
    public List<HeldSubject> heldSubjects() {
        return java.util.stream.Stream.of(PausableSubject.values())
                .flatMap(subject -> holds.all(subject.kind).stream().map(hold -> new HeldSubject(subject,
                        hold.subject(), hold.reason(), hold.errorCode(), hold.since(), hold.pausedBy())))
                .toList();
    }

    public enum PausableSubject {
        CHANNEL(Kind.CHANNEL, "channel"), TEMPLATE(Kind.TEMPLATE, "template");

        private final Kind kind;
        private final String label;

        PausableSubject(Kind kind, String label) {
            this.kind = kind;
            this.label = label;
        }
    }

    /** @param pausedBy the operator, or null when Meta's refusals hold it */
    public record HeldSubject(PausableSubject type, String id, String reason, Integer errorCode, Instant since,
                              String pausedBy) {
    }

    private Kind known(PausableSubject subject, String id) {
        boolean known = subject == PausableSubject.CHANNEL
                ? channels.all().stream().anyMatch(route -> route.id().equals(id))
                : catalog.getTemplates().values().stream().anyMatch(template -> id.equals(template.getName()));
        if (!known) {
            throw OpsRequestException.unknown("no " + subject.label + " " + id + " is configured");
        }
        return subject.kind;
    }

    /**
     * An operator sends a failed message again, overriding the ledger's "once": a new attempt, recorded with
     * the operator's name and the failed one, under the rules of every send (consent, quiet hours, holds,
     * frequency cap). Nothing is written when a rule says not now or never.
     *
     * @param values the template values of the flow that sent it
     * @throws OpsRequestException unknown attempt, or one that did not fail
     */
    public SendOutcome resend(long attemptId, String operator, Map<String, Object> values) {
        MessageAttempt failed = ledger.findById(attemptId)
                .orElseThrow(() -> OpsRequestException.unknown("no message attempt " + attemptId));
        if (failed.status() != AttemptStatus.FAILED && failed.status() != AttemptStatus.REJECTED) {
            throw OpsRequestException.notApplicable("message attempt " + attemptId + " is " + failed.status()
                    + ": only a FAILED or REJECTED message can be sent again");
        }
        String prefix = IdempotencyKey.of(failed.leadId(), failed.flow(), failed.step(), null);
        String scope = failed.idempotencyKey().length() > prefix.length()
                ? failed.idempotencyKey().substring(prefix.length() + 1) + ":" : "";
        SendCommand command = new SendCommand(failed.leadId(), failed.flow(), failed.step(), failed.templateKey(),
                scope + "resend-" + (ledger.resendsOf(attemptId) + 1), values, true);
        try {
            return send(command);
        } finally {
            inOwnTransaction(() -> ledger.recordOverride(command.idempotencyKey(), operator, attemptId));
        }
    }

    /** Rules that say "never" for this lead and template, whatever the time. */
    private static Optional<String> forbidden(Recipient lead, Template template, SendCommand command) {
        if (!lead.consented()) {
            return Optional.of("no WhatsApp consent");
        }
        if (lead.marketingStopped() && template.getCategory() == Category.MARKETING) {
            return Optional.of("the lead stopped marketing messages in WhatsApp (131050) and has not opted in since");
        }
        if (lead.undeliverable() && !command.resendApproved()) {
            return Optional.of("the lead's number cannot receive WhatsApp messages (131026 or marked by ops)");
        }
        return Optional.empty();
    }

    private Optional<Deferral> activeHold(Kind kind, String subject, Instant now, String what) {
        return holds.find(kind, subject).filter(hold -> hold.until().isAfter(now))
                .map(hold -> new Deferral(hold.until(), what + ": " + hold.reason()));
    }

    private record ProbeOrWait(Optional<Hold> probe, Optional<Deferral> deferral) {
    }

    /** A paused channel or template: sends wait until its probe time, then exactly one goes to find out. */
    private ProbeOrWait probeOrWait(Kind kind, String subject, String what, Duration probeInterval, Instant now) {
        Optional<Hold> hold = holds.find(kind, subject);
        if (hold.isEmpty()) {
            return new ProbeOrWait(Optional.empty(), Optional.empty());
        }
        if (hold.get().byOperator()) {
            return new ProbeOrWait(Optional.empty(), Optional.of(new Deferral(now.plus(OPERATOR_PAUSE_RECHECK),
                    what + " (" + hold.get().reason() + "); held until an operator resumes it")));
        }
        if (hold.get().until().isAfter(now)) {
            return new ProbeOrWait(Optional.empty(), Optional.of(new Deferral(hold.get().until(),
                    what + " (" + hold.get().reason() + "); next try at its probe time")));
        }
        Instant nextProbe = now.plus(probeInterval);
        if (inOwnTransaction(() -> holds.claimProbe(hold.get(), nextProbe))) {
            log.info("{}: this send probes whether it works again", what);
            return new ProbeOrWait(Optional.of(hold.get()), Optional.empty());
        }
        return new ProbeOrWait(Optional.empty(), Optional.of(new Deferral(nextProbe,
                what + " (" + hold.get().reason() + "); another send is probing it")));
    }

    private SendOutcome sendUnderLock(Send send) {
        Optional<MessageAttempt> existing = ledger.findByKey(send.key());
        if (existing.isPresent()) {
            MessageAttempt attempt = existing.get();
            if (attempt.status().accepted()) {
                return SendOutcome.alreadySent(attempt.idempotencyKey(), attempt.wamid());
            }
            Optional<SendOutcome> decided = reviewEarlierAttempt(attempt, send);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        Instant now = now();
        String language = send.template().languageFor(send.lead().locale()).orElseThrow(() ->
                new PermanentSendFailureException("Template '" + send.command().templateKey()
                        + "' has no language for locale " + send.lead().locale(), null));
        List<String> parameters = TemplateParameters.bind(send.command().templateKey(),
                send.template().getParameters(), send.lead(), send.command().values());
        Optional<String> text = freeFormText(send, existing, now).map(t -> TemplateParameters.fill(t, parameters));
        if (text.isEmpty()) {
            Optional<Deferral> capped = frequencyCap.check(send.category(),
                    ledger.businessInitiatedSince(send.lead().leadId(), now.minus(FrequencyCap.WINDOW), send.key()), now);
            if (capped.isPresent()) {
                return SendOutcome.deferred(send.key(), capped.get());
            }
        }
        List<String> quickReplies = text.isPresent() ? List.of() : TemplateParameters.bind(
                send.command().templateKey(), send.template().getQuickReplies(), send.lead(), send.command().values());
        OutboundMessage message = new OutboundMessage(send.route().id(), send.lead().phone(),
                send.template().getName(), language, parameters, quickReplies, send.key(), text.orElse(null));
        PendingAttempt pending = new PendingAttempt(send.key(), send.lead().leadId(), send.command().flow(),
                send.command().step(), send.command().templateKey(), send.template().getName(), language,
                send.category().wireName(), send.route().id(), send.lead().phone(),
                text.isPresent() ? MessageAttempt.TEXT : MessageAttempt.TEMPLATE);

        Optional<Deferral> paced = pace(send);
        if (paced.isPresent()) {
            return SendOutcome.deferred(send.key(), paced.get());
        }
        MessageAttempt attempt = claim(pending, existing);
        try {
            ChannelReceipt receipt = channel.send(message);
            inOwnTransaction(() -> {
                ledger.markAccepted(attempt.id(), receipt.messageId(), now());
                send.probes().forEach(hold -> holds.clear(hold.kind(), hold.subject()));
                holds.clear(Kind.RECIPIENT, send.lead().phone());
                if (send.category() == Category.MARKETING) {
                    holds.clear(Kind.MARKETING, send.lead().leadId());
                }
                if (send.lead().undeliverable()) {
                    recipients.clearUndeliverable(send.lead().leadId());
                }
            });
            return SendOutcome.sent(send.key(), receipt.messageId(), howSent(message, attempt));
        } catch (SendFailedException e) {
            return handleFailure(attempt, message, send, e);
        }
    }

    private static String howSent(OutboundMessage message, MessageAttempt attempt) {
        String how = message.freeForm() ? "accepted by the Cloud API as free-form text inside the 24-hour window"
                : "accepted by the Cloud API as template " + message.templateName() + " (" + message.languageCode() + ")";
        return attempt.requests() > 1 ? how + ", request " + attempt.requests() + " of this message" : how;
    }

    /**
     * Inside the lead's 24-hour window an entry with a text variant goes out as free-form text, unless
     * Meta refused that text already (131047): then the template, once.
     */
    private Optional<String> freeFormText(Send send, Optional<MessageAttempt> existing, Instant now) {
        boolean refusedBefore = existing.filter(MessageAttempt::freeForm)
                .filter(a -> a.errorCode() != null && a.errorCode() == CustomerServiceWindow.REENGAGEMENT_REQUIRED)
                .isPresent();
        Instant lastInbound = windows.lastInboundFor(send.lead(), send.route().id());
        if (refusedBefore || !CustomerServiceWindow.isOpen(lastInbound, now)) {
            return Optional.empty();
        }
        return send.template().textFor(send.lead().locale());
    }

    /**
     * What an earlier attempt of the same key that was not accepted means for this one: empty to send
     * (again), or the decision.
     */
    private Optional<SendOutcome> reviewEarlierAttempt(MessageAttempt attempt, Send send) {
        boolean approved = send.command().resendApproved();
        switch (attempt.status()) {
            case PENDING -> {
                if (approved) {
                    recordDecision(attempt, "outcome unknown; an operator approved sending it again");
                    return Optional.empty();
                }
                return reviewUnknownOutcome(attempt, send);
            }
            case FAILED -> {
                if (approved) {
                    recordDecision(attempt, "failed (" + attempt.errorCode() + "); an operator approved sending it again");
                    return Optional.empty();
                }
                FailureKind kind = attempt.errorCode() == null ? FailureKind.PERMANENT
                        : channel.classify(attempt.errorCode());
                return switch (kind) {
                    // holds make these wait, or the send simply goes again: nothing was delivered
                    case RETRYABLE, RECIPIENT_PACED, MARKETING_LIMITED, TEMPLATE_PAUSED, CHANNEL_AUTH -> Optional.empty();
                    case MARKETING_STOPPED -> Optional.of(SendOutcome.skipped(send.key(),
                            "the lead stopped marketing messages in WhatsApp (131050)"));
                    default -> throw new PermanentSendFailureException("Meta reported this message failed ("
                            + attempt.errorCode() + "): " + attempt.errorDetail(), attempt.errorCode());
                };
            }
            default -> {
                // REJECTED: the API refused it, so sending again cannot duplicate it
                return Optional.empty();
            }
        }
    }

    /** An earlier request's answer was lost: wait for its status, then apply the category's policy. */
    private Optional<SendOutcome> reviewUnknownOutcome(MessageAttempt attempt, Send send) {
        Duration quiet = properties.ambiguityQuietPeriod();
        Instant decideAt = attempt.updatedAt().plus(quiet);
        if (now().isBefore(decideAt)) {
            return Optional.of(SendOutcome.deferred(send.key(), new Deferral(decideAt,
                    "the outcome of an earlier request is unknown; waiting for its status until " + decideAt)));
        }
        AmbiguousSendPolicy policy = properties.ambiguousSendPolicy(send.category());
        String noStatus = "no status arrived within " + quiet + " for a request with an unknown outcome";
        if (policy == AmbiguousSendPolicy.RESEND_ONCE && attempt.requests() == 1) {
            recordDecision(attempt, noStatus + "; " + send.category().wireName() + " policy: sent once more");
            log.info("Ambiguous attempt {}: {}; a {} message is sent once more", attempt.id(), noStatus,
                    send.category().wireName());
            return Optional.empty();
        }
        if (policy == AmbiguousSendPolicy.SKIP) {
            recordDecision(attempt, noStatus + "; " + send.category().wireName() + " policy: skipped");
            return Optional.of(SendOutcome.skipped(send.key(), noStatus + "; policy for "
                    + send.category().wireName() + ": skip"));
        }
        String why = noStatus + (attempt.requests() > 1 ? " (already sent " + attempt.requests() + " times)" : "")
                + "; policy for " + send.category().wireName() + ": hand to ops, as sending again could duplicate it";
        recordDecision(attempt, why);
        throw new PermanentSendFailureException(why, null);
    }

    private MessageAttempt claim(PendingAttempt pending, Optional<MessageAttempt> existing) {
        boolean claimed = inOwnTransaction(() -> existing
                .map(attempt -> ledger.reopen(attempt, pending, now()))
                .orElseGet(() -> ledger.insertPending(pending, now())));
        if (!claimed) {
            throw new RetryLaterException("another node claimed this message at the same moment");
        }
        return ledger.findByKey(pending.idempotencyKey()).orElseThrow();
    }

    private SendOutcome handleFailure(MessageAttempt attempt, OutboundMessage message, Send send,
                                      SendFailedException e) {
        String detail = "(" + e.errorCode() + ") " + e.getMessage();
        Instant now = now();
        if (e.kind() == FailureKind.AMBIGUOUS) {
            inOwnTransaction(() -> ledger.markAmbiguous(attempt.id(), e.getMessage(), now));
            Instant decideAt = now.plus(properties.ambiguityQuietPeriod());
            return SendOutcome.deferred(send.key(), new Deferral(decideAt, "the Cloud API's answer was lost ("
                    + e.getMessage() + "); waiting for a status webhook until " + decideAt + " before deciding"));
        }
        inOwnTransaction(() -> ledger.markRejected(attempt.id(), e.errorCode(), e.getMessage(), now));
        if (e.kind() != FailureKind.CHANNEL_AUTH) {
            send.probes().stream().filter(hold -> hold.kind() == Kind.CHANNEL)
                    .forEach(hold -> inOwnTransaction(() -> holds.clear(hold.kind(), hold.subject())));
        }
        switch (e.kind()) {
            case REENGAGEMENT_REQUIRED -> {
                if (message.freeForm()) {
                    log.info("Lead {}: free-form text refused outside the 24-hour window {}; sending the template",
                            send.lead().leadId(), detail);
                    return sendUnderLock(send);
                }
                throw new PermanentSendFailureException("the Cloud API refused the template " + detail, e.errorCode());
            }
            case RECIPIENT_PACED -> {
                Hold hold = inOwnTransaction(() -> holds.strike(Kind.RECIPIENT, send.lead().phone(), e.errorCode(),
                        detail, now, SendBackoff::pairRateLimit));
                if (hold.strikes() > SendBackoff.PAIR_RATE_LIMIT_MAX_STRIKES) {
                    throw new RetryLaterException("the pair rate limit (131056) persists after " + hold.strikes()
                            + " tries " + detail);
                }
                return SendOutcome.deferred(send.key(), new Deferral(hold.until(), "pair rate limit (131056) for"
                        + " this recipient, refusal " + hold.strikes() + " in a row: next try in "
                        + Duration.between(now, hold.until()).toSeconds() + " s"));
            }
            case MARKETING_LIMITED -> {
                Hold hold = inOwnTransaction(() -> holds.strike(Kind.MARKETING, send.lead().leadId(), e.errorCode(),
                        detail, now, strike -> backoff.marketingLimit(strike).orElse(Duration.ZERO)));
                if (backoff.marketingLimit(hold.strikes()).isEmpty()) {
                    return SendOutcome.skipped(send.key(), "the lead's marketing limit (131049) persisted after "
                            + (hold.strikes() - 1) + " waits " + detail);
                }
                return SendOutcome.deferred(send.key(), new Deferral(hold.until(), "the lead's marketing limit"
                        + " (131049), refusal " + hold.strikes() + " in a row: next try in "
                        + Duration.between(now, hold.until()).toHours() + " h"));
            }
            case MARKETING_STOPPED -> {
                inOwnTransaction(() -> recipients.recordMarketingStopped(send.lead().leadId(), now));
                log.info("Lead {} stopped marketing messages (131050): no marketing until it opts in again",
                        send.lead().leadId());
                return SendOutcome.skipped(send.key(), "the lead stopped marketing messages in WhatsApp " + detail);
            }
            case RECIPIENT_UNDELIVERABLE -> {
                inOwnTransaction(() -> recipients.recordUndeliverable(send.lead().leadId(), send.lead().phone(), now));
                throw new PermanentSendFailureException("the number cannot receive WhatsApp messages " + detail,
                        e.errorCode());
            }
            case TEMPLATE_PAUSED -> {
                inOwnTransaction(() -> holds.strike(Kind.TEMPLATE, message.templateName(), e.errorCode(), detail, now,
                        strike -> properties.templatePauseProbe()));
                log.error("ALERT template {} is paused or disabled by Meta {}: its sends wait; fix it in WhatsApp "
                        + "Manager", message.templateName(), detail);
                throw new PermanentSendFailureException("the template " + message.templateName()
                        + " is paused or disabled " + detail, e.errorCode());
            }
            case CHANNEL_AUTH -> {
                Hold hold = inOwnTransaction(() -> holds.strike(Kind.CHANNEL, send.route().id(), e.errorCode(), detail,
                        now, strike -> properties.channelPauseProbe()));
                log.error("ALERT channel {} ({}) refused our credentials {}: it stops sending; its sends wait until"
                        + " a probe at {} gets through", send.route().name(), send.route().id(), detail, hold.until());
                return SendOutcome.deferred(send.key(), new Deferral(hold.until(), "channel " + send.route().name()
                        + " (" + send.route().id() + ") is paused: credentials refused " + detail));
            }
            case PERMANENT -> throw new PermanentSendFailureException("the Cloud API refused the message " + detail,
                    e.errorCode());
            default -> throw new RetryLaterException("the Cloud API refused the message for now " + detail, e);
        }
    }

    private void recordDecision(MessageAttempt attempt, String decision) {
        inOwnTransaction(() -> ledger.recordDecision(attempt.id(), decision, now()));
    }

    /**
     * Meta's pair rate limit for this recipient, then the channel's throughput. A send over either is
     * deferred to its turn, so its job thread serves other sends meanwhile and a burst of due sends comes
     * back spread at the channel's pace.
     */
    private Optional<Deferral> pace(Send send) {
        Route route = send.route();
        Optional<Duration> pair = coordination.tryTakeRecipientToken(route.id(), send.lead().phone(),
                Coordination.PairLimit.META_DEFAULT);
        if (pair.isPresent()) {
            return Optional.of(new Deferral(now().plus(pair.get()), "pair rate limit: several messages to this "
                    + "recipient in a few seconds; next one in " + pair.get().toMillis() + " ms"));
        }
        Optional<Duration> wait = coordination.tryTakeChannelToken(route.id(), route.ratePerSecond());
        if (wait.isPresent() && wait.get().compareTo(SHORT_RATE_WAIT) <= 0) {
            pause(wait.get());
            wait = coordination.tryTakeChannelToken(route.id(), route.ratePerSecond());
        }
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        Duration turn = coordination.reserveChannelTurn(route.id(), route.ratePerSecond());
        return Optional.of(new Deferral(now().plus(turn), "channel " + route.name() + " at its rate limit of "
                + route.ratePerSecond() + "/s; its turn in " + turn.toMillis() + " ms"));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for the channel's rate limit");
        }
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    private void inOwnTransaction(Runnable work) {
        ownTransaction.executeWithoutResult(status -> work.run());
    }

    private Instant now() {
        return clock.instant();
    }
}
