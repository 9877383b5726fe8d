package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.MessageLedger.PendingAttempt;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;
import dev.leadflow.messaging.TemplateCatalog.Category;

/**
 * Carries out one send the policy let through, under the lead's lock: reviews an earlier attempt of the
 * same key, builds the message, claims the key in the ledger (committed as PENDING before the request, so
 * one key reaches the channel at most once), calls the channel and records the outcome.
 */
@Component
class SendExecution {

    private static final Logger log = LoggerFactory.getLogger(SendExecution.class);
    /** How long a send waits when another attempt of its step is in flight. */
    private static final Duration STEP_IN_FLIGHT_DELAY = Duration.ofSeconds(15);

    private final MessageLedger ledger;
    private final SendHolds holds;
    private final OutboundChannel channel;
    private final RecipientDirectory recipients;
    private final SendPolicy policy;
    private final SendPacing pacing;
    private final EarlierAttemptReview earlierAttempts;
    private final FailureLessons lessons;
    private final SendBackoff backoff;
    private final MessagingProperties properties;
    private final OwnTransaction ownTransaction;
    private final Clock clock;

    SendExecution(MessageLedger ledger, SendHolds holds, OutboundChannel channel, RecipientDirectory recipients,
                  SendPolicy policy, SendPacing pacing, EarlierAttemptReview earlierAttempts, FailureLessons lessons,
                  SendBackoff backoff, MessagingProperties properties, OwnTransaction ownTransaction, Clock clock) {
        this.ledger = ledger;
        this.holds = holds;
        this.channel = channel;
        this.recipients = recipients;
        this.policy = policy;
        this.pacing = pacing;
        this.earlierAttempts = earlierAttempts;
        this.lessons = lessons;
        this.backoff = backoff;
        this.properties = properties;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
    }

    /** Call with the lead's lock held. */
    SendOutcome execute(PreparedSend send) {
        MessageLedger.KeyAndStep found = ledger.keyAndStep(send.key(), send.command().stepKey());
        Optional<SendOutcome> stepTaken = stepTaken(send, found.claimOfStep());
        if (stepTaken.isPresent()) {
            return stepTaken.get();
        }
        Optional<MessageAttempt> existing = found.ofKey();
        if (existing.isPresent()) {
            MessageAttempt attempt = existing.get();
            if (attempt.status().accepted()) {
                return SendOutcome.alreadySent(attempt.idempotencyKey(), attempt.wamid());
            }
            Optional<SendOutcome> decided = earlierAttempts.review(attempt, send);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        Instant now = clock.instant();
        String language = send.template().languageFor(send.lead().locale()).orElseThrow(() ->
                new PermanentSendFailureException("Template '" + send.command().templateKey()
                        + "' has no language for locale " + send.lead().locale(), null));
        List<String> parameters = TemplateParameters.bind(send.command().templateKey(),
                send.template().getParameters(), send.lead(), send.command().values());
        Optional<String> text = policy.freeFormText(send.lead(), send.template(), existing, now)
                .map(t -> TemplateParameters.fill(t, parameters));
        Optional<Deferral> capped = policy.overFrequencyCap(text.isPresent(), send.category(), () ->
                ledger.businessInitiatedSince(send.lead().leadId(), now.minus(FrequencyCap.WINDOW), send.key()), now);
        if (capped.isPresent()) {
            return SendOutcome.deferred(send.key(), capped.get());
        }
        List<String> quickReplies = text.isPresent() ? List.of() : TemplateParameters.bind(
                send.command().templateKey(), send.template().getQuickReplies(), send.lead(), send.command().values());
        OutboundMessage message = new OutboundMessage(send.route().id(), send.lead().phone(),
                send.template().getName(), language, parameters, quickReplies, send.key(), text.orElse(null));
        PendingAttempt pending = new PendingAttempt(send.key(), send.lead().leadId(), send.command().flow(),
                send.command().step(), send.command().templateKey(), send.template().getName(), language,
                send.category().wireName(), send.route().id(), send.lead().phone(),
                text.isPresent() ? MessageAttempt.TEXT : MessageAttempt.TEMPLATE, send.command().stepKey(),
                send.command().resend() == null ? null : send.command().resend().failedAttemptId(),
                send.command().resend() == null ? null : send.command().resend().operator(), send.variant());

        Optional<Deferral> paced = pacing.turnOf(send.route(), send.lead().phone());
        if (paced.isPresent()) {
            return SendOutcome.deferred(send.key(), paced.get());
        }
        Optional<Claimed> claimed = claim(pending, existing);
        if (claimed.isEmpty()) {
            return stepTaken(send, ledger.claimOfStep(send.command().stepKey())).orElseThrow(() ->
                    new RetryLaterException("another node claimed this message at the same moment"));
        }
        Claimed attempt = claimed.get();
        try {
            ChannelReceipt receipt = channel.send(message);
            ownTransaction.run(() -> {
                ledger.markAccepted(attempt.id(), receipt.messageId(), clock.instant());
                send.probes().forEach(hold -> holds.clear(hold.kind(), hold.subject()));
                send.lapsed().stream()
                        .filter(hold -> hold.kind() == Kind.RECIPIENT || send.category() == Category.MARKETING)
                        .forEach(hold -> holds.clear(hold.kind(), hold.subject()));
                if (send.lead().undeliverable()) {
                    recipients.clearUndeliverable(send.lead().leadId());
                }
            });
            return SendOutcome.sent(send.key(), receipt.messageId(), howSent(message, attempt));
        } catch (SendFailedException e) {
            return refused(attempt, message, send, e);
        }
    }

    private static String howSent(OutboundMessage message, Claimed attempt) {
        String how = message.freeForm() ? "accepted by the Cloud API as free-form text inside the 24-hour window"
                : "accepted by the Cloud API as template " + message.templateName() + " ("
                        + message.languageCode() + ")";
        return attempt.requests() > 1 ? how + ", request " + attempt.requests() + " of this message" : how;
    }

    /** The attempt this send claimed, and how many requests it has made with this one. */
    private record Claimed(long id, int requests) {
    }

    /**
     * Claims the key and its step in the ledger; empty when another attempt holds either (another node, or
     * another path of the same step, got there first).
     */
    private Optional<Claimed> claim(PendingAttempt pending, Optional<MessageAttempt> existing) {
        Instant now = clock.instant();
        if (existing.isPresent()) {
            MessageAttempt attempt = existing.get();
            boolean reopened = ownTransaction.run(() -> ledger.reopen(attempt, pending, now));
            return reopened ? Optional.of(new Claimed(attempt.id(), attempt.requests() + 1)) : Optional.empty();
        }
        OptionalLong id = ownTransaction.run(() -> ledger.insertPending(pending, now));
        return id.isPresent() ? Optional.of(new Claimed(id.getAsLong(), 1)) : Optional.empty();
    }

    /**
     * Another attempt of the send's step holds its claim: sent already (nothing more goes), or in flight
     * (ask again once its outcome is known). Empty when the step is free.
     */
    private Optional<SendOutcome> stepTaken(PreparedSend send, Optional<MessageAttempt> claimOfStep) {
        return claimOfStep
                .filter(holder -> !holder.idempotencyKey().equals(send.key()) || holder.status().accepted())
                .map(holder -> holder.status().accepted()
                        ? SendOutcome.alreadySent(holder.idempotencyKey(), holder.wamid())
                        : SendOutcome.deferred(send.key(), new Deferral(clock.instant().plus(STEP_IN_FLIGHT_DELAY),
                        "another send of this step (attempt " + holder.id() + ") is in flight; its outcome decides")));
    }

    /** The channel refused or its answer was lost: record it, learn from it, and say what happens to this send. */
    private SendOutcome refused(Claimed attempt, OutboundMessage message, PreparedSend send,
                                SendFailedException e) {
        // once, in plain words: what the code means, then Meta's own text
        String detail = e.errorCode() == null ? "(" + e.getMessage() + ")"
                : PlainWords.failure(channel.plainWords(e.errorCode()), e.errorCode(), e.getMessage());
        Instant now = clock.instant();
        if (e.kind() == FailureKind.AMBIGUOUS) {
            ownTransaction.run(() -> ledger.markAmbiguous(attempt.id(), e.getMessage(), now));
            Instant decideAt = now.plus(properties.ambiguityQuietPeriod());
            return SendOutcome.deferred(send.key(), new Deferral(decideAt, "the Cloud API's answer was lost ("
                    + e.getMessage() + "); waiting for a status webhook until " + decideAt + " before deciding"));
        }
        ownTransaction.run(() -> ledger.markRejected(attempt.id(), e.errorCode(), e.getMessage(), now));
        if (e.kind() != FailureKind.CHANNEL_AUTH) {
            send.probes().stream().filter(hold -> hold.kind() == Kind.CHANNEL)
                    .forEach(hold -> ownTransaction.run(() -> holds.clear(hold.kind(), hold.subject())));
        }
        FailureLessons.Refusal refusal = new FailureLessons.Refusal(e.kind(), e.errorCode(), detail,
                send.lead().leadId(), send.lead().phone(), message.templateName(), send.route().id(),
                send.route().name() + " (" + send.route().id() + ")");
        Optional<Hold> hold = ownTransaction.run(() -> lessons.learn(refusal, now));
        return switch (e.kind()) {
            case REENGAGEMENT_REQUIRED -> {
                if (message.freeForm()) {
                    log.info("Lead {}: free-form text refused outside the 24-hour window {}; sending the template",
                            send.lead().leadId(), detail);
                    yield execute(send);
                }
                throw new PermanentSendFailureException("the Cloud API refused the template: " + detail, e.errorCode());
            }
            case RECIPIENT_PACED -> {
                if (hold.orElseThrow().strikes() > SendBackoff.PAIR_RATE_LIMIT_MAX_STRIKES) {
                    throw new RetryLaterException("the pair rate limit (131056) persists after "
                            + hold.get().strikes() + " tries: " + detail);
                }
                yield SendOutcome.deferred(send.key(), new Deferral(hold.get().until(), "pair rate limit (131056) for"
                        + " this recipient, refusal " + hold.get().strikes() + " in a row: next try in "
                        + Duration.between(now, hold.get().until()).toSeconds() + " s"));
            }
            case MARKETING_LIMITED -> {
                int strikes = hold.orElseThrow().strikes();
                if (backoff.marketingLimit(strikes).isEmpty()) {
                    yield SendOutcome.skipped(send.key(), "the lead's marketing limit (131049) persisted after "
                            + (strikes - 1) + " waits: " + detail);
                }
                yield SendOutcome.deferred(send.key(), new Deferral(hold.get().until(), "the lead's marketing limit"
                        + " (131049), refusal " + strikes + " in a row: next try in "
                        + Duration.between(now, hold.get().until()).toHours() + " h"));
            }
            case MARKETING_STOPPED -> SendOutcome.skipped(send.key(),
                    "the lead stopped marketing messages in WhatsApp: " + detail);
            case RECIPIENT_UNDELIVERABLE -> throw new PermanentSendFailureException(
                    "the number cannot receive WhatsApp messages: " + detail, e.errorCode());
            case TEMPLATE_PAUSED -> throw new PermanentSendFailureException("the template " + message.templateName()
                    + " is paused or disabled: " + detail, e.errorCode());
            case CHANNEL_AUTH -> SendOutcome.deferred(send.key(), new Deferral(hold.orElseThrow().until(), "channel "
                    + send.route().name() + " (" + send.route().id() + ") is paused: credentials refused: " + detail));
            case PERMANENT -> throw new PermanentSendFailureException("the Cloud API refused the message: " + detail,
                    e.errorCode());
            default -> throw new RetryLaterException("the Cloud API refused the message for now: " + detail, e);
        };
    }
}
