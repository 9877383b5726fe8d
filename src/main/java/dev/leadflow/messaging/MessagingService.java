package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.ChannelRouter.Route;
import dev.leadflow.messaging.PauseProbes.ProbeOrWait;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.TemplateCatalog.Category;
import dev.leadflow.messaging.TemplateCatalog.Template;

/**
 * The one boundary every send crosses. It resolves the lead, asks the {@link SendPolicy} whether the message
 * may go now, lets a paused channel or template be probed ({@link PauseProbes}), and hands the send to
 * {@link SendExecution} under the lead's lock. Every outcome says why: sent, skipped, deferred until when,
 * or failed.
 */
@Service
public class MessagingService {

    /** How long a send waits when another send of the same lead holds its lock. */
    private static final Duration LEAD_BUSY_DELAY = Duration.ofSeconds(5);

    private final RecipientDirectory recipients;
    private final TemplateCatalog catalog;
    private final MessageLedger ledger;
    private final SendHolds holds;
    private final ChannelRouter channels;
    private final SendPolicy policy;
    private final PauseProbes pauses;
    private final SendExecution execution;
    private final Coordination coordination;
    private final MessagingProperties properties;
    private final Clock clock;
    private final SendObservers observers;
    private final PriorSends priorSends;
    private final StepVariants variants;
    private final SendMoment moments;
    private final CustomerServiceWindows windows;

    MessagingService(RecipientDirectory recipients, TemplateCatalog catalog, MessageLedger ledger, SendHolds holds,
                     ChannelRouter channels, SendPolicy policy, PauseProbes pauses, SendExecution execution,
                     Coordination coordination, MessagingProperties properties, Clock clock,
                     SendObservers observers, ObjectProvider<PriorSends> priorSends,
                     ObjectProvider<StepVariants> variants, ObjectProvider<SendMoment> moments,
                     CustomerServiceWindows windows) {
        this.recipients = recipients;
        this.catalog = catalog;
        this.ledger = ledger;
        this.holds = holds;
        this.channels = channels;
        this.policy = policy;
        this.pauses = pauses;
        this.execution = execution;
        this.coordination = coordination;
        this.properties = properties;
        this.clock = clock;
        this.observers = observers;
        this.priorSends = priorSends.getIfAvailable(() -> PriorSends.NONE);
        this.variants = variants.getIfAvailable(() -> StepVariants.NONE);
        this.moments = moments.getIfAvailable(() -> SendMoment.STEP_TIME);
        this.windows = windows;
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
        PriorSends.Verdict prior = priorSends.verdictOn(command, now());
        if (prior.skipReason() != null) {
            return SendOutcome.skipped(key, prior.skipReason());
        }
        // the one rule of every path (flow, retry, send now, the form's Retry, a re-send):
        // a step whose message went out is never sent again
        Optional<MessageAttempt> sent = ledger.claimOfStep(command.stepKey()).filter(a -> a.status().accepted());
        if (sent.isPresent()) {
            return SendOutcome.alreadySent(sent.get().idempotencyKey(), sent.get().wamid());
        }
        Optional<Recipient> found = recipients.find(command.leadId());
        if (found.isEmpty()) {
            return SendOutcome.skipped(key, "unknown lead");
        }
        Template template = catalog.get(command.templateKey());
        Optional<String> never = policy.never(found.get(), template.getCategory(), command.resendApproved());
        if (never.isPresent()) {
            return SendOutcome.skipped(key, never.get());
        }
        StepVariant variant = variants.choose(command, now());
        if (variant.holdout()) {
            return SendOutcome.skipped(key, variant.label() + ": held out, so no message is sent for this step");
        }
        if (!variant.templateKey().equals(command.templateKey())) {
            command = command.sending(variant.templateKey());
            template = catalog.get(variant.templateKey());
        }
        Instant now = now();
        String market = Markets.of(found.get().phone(), found.get().locale()).orElse(null);
        Route route = channels.pick(market, found.get().attributes().get(properties.brandAttribute()),
                found.get().owner());
        // Meta keeps the 24-hour window per business number: the rules see the lead's last message to this one
        Recipient lead = windows.asSeenFrom(found.get(), route.id());
        Optional<Deferral> notNow = policy.notNow(lead, template, market, now, holds::find);
        if (notNow.isEmpty() && template.getCategory() == Category.MARKETING) {
            Template chosen = template;
            notNow = moments.later(command, lead, variant.timing(), policy.zoneOf(lead, market),
                    at -> policy.inAllowedHours(lead, chosen, market, at), now);
        }
        if (notNow.isPresent()) {
            return SendOutcome.deferred(key, notNow.get());
        }
        ProbeOrWait channelHold = pauses.channel(route, now);
        if (channelHold.deferral().isPresent()) {
            return SendOutcome.deferred(key, channelHold.deferral().get());
        }
        ProbeOrWait templateHold = pauses.template(template.getName(), now);
        if (templateHold.deferral().isPresent()) {
            return SendOutcome.deferred(key, templateHold.deferral().get());
        }
        List<Hold> probes = Stream.of(channelHold.probe(), templateHold.probe()).flatMap(Optional::stream).toList();

        if (prior.shadowOnly()) {
            priorSends.recordShadow(command, now);
            return SendOutcome.skipped(key, "shadow mode: would have sent template " + template.getName()
                    + "; nothing was sent");
        }
        PreparedSend send = new PreparedSend(command, key, lead, template, route, probes, variant.label());
        return coordination.withLeadLock(lead.leadId(), properties.leadLockWait(), () -> execution.execute(send))
                .orElseGet(() -> SendOutcome.deferred(key, new Deferral(now().plus(LEAD_BUSY_DELAY),
                        "another send to this lead is in progress")));
    }

    private Instant now() {
        return clock.instant();
    }
}
