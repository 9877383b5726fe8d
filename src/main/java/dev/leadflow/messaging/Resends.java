package dev.leadflow.messaging;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * An operator sends a failed message again, overriding the ledger's "once": a new attempt with its own
 * key, recorded with the operator's name and the failed one, under the rules of every send. The override is
 * once per failed attempt, and never while another attempt of the same step is in flight or was accepted:
 * a second request is answered with the attempt that already went (the ledger's unique claims decide a race).
 */
@Service
public class Resends {

    private final MessageLedger ledger;
    private final MessagingService messaging;

    Resends(MessageLedger ledger, MessagingService messaging) {
        this.ledger = ledger;
        this.messaging = messaging;
    }

    /**
     * Sends the failed attempt's message again under the rules of every send (consent, quiet hours, holds,
     * frequency cap). Nothing is written when a rule says not now or never.
     *
     * @param values the template values of the flow that sent it
     * @throws OpsRequestException unknown attempt, or one that did not fail
     */
    public SendOutcome resend(long attemptId, String operator, Map<String, Object> values) {
        MessageAttempt failed = ledger.findById(attemptId)
                .orElseThrow(() -> OpsRequestException.unknown("no message attempt " + attemptId));
        if (failed.status() != AttemptStatus.FAILED && failed.status() != AttemptStatus.REJECTED) {
            throw OpsRequestException.alreadyDone("message attempt " + attemptId + " is " + failed.status()
                    + ": only a FAILED or REJECTED message can be sent again", failed);
        }
        Optional<MessageAttempt> resent = ledger.resendOf(attemptId);
        if (resent.isPresent()) {
            throw OpsRequestException.alreadyDone("message attempt " + attemptId + " was already sent again as"
                    + " attempt " + resent.get().id() + " (" + resent.get().status() + "); nothing was sent now"
                    + (ledger.resendable(resent.get()) ? "; re-send attempt " + resent.get().id() + " instead" : ""),
                    resent.get());
        }
        Optional<MessageAttempt> claim = ledger.claimOfStep(failed.stepKey());
        if (claim.isPresent()) {
            throw OpsRequestException.alreadyDone(stepState(claim.get()), claim.get());
        }
        SendCommand command = resendCommand(failed, ledger.resendsInStep(failed.stepKey()) + 1, operator, values);
        SendOutcome outcome = messaging.send(command);
        if (outcome.decision() == SendOutcome.Decision.ALREADY_SENT) {
            // another path or node sent the step's message between the checks above and the claim
            MessageAttempt sent = ledger.claimOfStep(failed.stepKey()).or(() -> ledger.findByKey(
                    outcome.idempotencyKey())).orElseThrow();
            throw OpsRequestException.alreadyDone(stepState(sent), sent);
        }
        return outcome;
    }

    private static String stepState(MessageAttempt holder) {
        return "the message of this step " + (holder.status().accepted() ? "was already sent" : "is being sent")
                + " as attempt " + holder.id() + " (" + holder.status() + "); nothing was sent now";
    }

    /** The n-th re-send of the step: the failed one's scope, then "resend-n". */
    private static SendCommand resendCommand(MessageAttempt failed, int nth, String operator,
                                             Map<String, Object> values) {
        String prefix = IdempotencyKey.of(failed.leadId(), failed.flow(), failed.step(), null);
        String stepScope = failed.stepKey().length() > prefix.length()
                ? failed.stepKey().substring(prefix.length() + 1) + ":" : "";
        return new SendCommand(failed.leadId(), failed.flow(), failed.step(), failed.templateKey(),
                stepScope + "resend-" + nth, values, true,
                new SendCommand.Resend(failed.id(), failed.stepKey(), operator));
    }
}
