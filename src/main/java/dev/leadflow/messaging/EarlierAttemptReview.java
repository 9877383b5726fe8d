package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an earlier attempt of the same key that was not accepted means for this one. A refused request
 * (REJECTED) cannot have reached the lead, so it goes again; a request whose answer was lost (PENDING) is
 * reconciled, never simply repeated: its status webhook is awaited for a quiet period, then the category's
 * {@link AmbiguousSendPolicy} decides; a FAILED one goes by what its error code means.
 */
@Component
class EarlierAttemptReview {

    private static final Logger log = LoggerFactory.getLogger(EarlierAttemptReview.class);

    private final MessageLedger ledger;
    private final OutboundChannel channel;
    private final MessagingProperties properties;
    private final OwnTransaction ownTransaction;
    private final Clock clock;

    EarlierAttemptReview(MessageLedger ledger, OutboundChannel channel, MessagingProperties properties,
                         OwnTransaction ownTransaction, Clock clock) {
        this.ledger = ledger;
        this.channel = channel;
        this.properties = properties;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
    }

    /** @return empty to send (again), or the decision */
    Optional<SendOutcome> review(MessageAttempt attempt, PreparedSend send) {
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
                    recordDecision(attempt, "failed (" + attempt.errorCode()
                            + "); an operator approved sending it again");
                    return Optional.empty();
                }
                FailureKind kind = attempt.errorCode() == null ? FailureKind.PERMANENT
                        : channel.classify(attempt.errorCode());
                return switch (kind) {
                    // holds make these wait, or the send simply goes again: nothing was delivered
                    case RETRYABLE, RECIPIENT_PACED, MARKETING_LIMITED, TEMPLATE_PAUSED, CHANNEL_AUTH ->
                            Optional.empty();
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
    private Optional<SendOutcome> reviewUnknownOutcome(MessageAttempt attempt, PreparedSend send) {
        Duration quiet = properties.ambiguityQuietPeriod();
        Instant decideAt = attempt.updatedAt().plus(quiet);
        if (clock.instant().isBefore(decideAt)) {
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

    private void recordDecision(MessageAttempt attempt, String decision) {
        ownTransaction.run(() -> ledger.recordDecision(attempt.id(), decision, clock.instant()));
    }
}
