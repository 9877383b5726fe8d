package dev.leadflow.messaging;

import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * An operator sends a failed message again, overriding the ledger's "once": a new attempt with its own
 * key, recorded with the operator's name and the failed one, under the rules of every send.
 */
@Service
public class Resends {

    private final MessageLedger ledger;
    private final MessagingService messaging;
    private final OwnTransaction ownTransaction;

    Resends(MessageLedger ledger, MessagingService messaging, OwnTransaction ownTransaction) {
        this.ledger = ledger;
        this.messaging = messaging;
        this.ownTransaction = ownTransaction;
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
            throw OpsRequestException.notApplicable("message attempt " + attemptId + " is " + failed.status()
                    + ": only a FAILED or REJECTED message can be sent again");
        }
        SendCommand command = resendCommand(failed, ledger.resendsOf(attemptId) + 1, values);
        try {
            return messaging.send(command);
        } finally {
            ownTransaction.run(() -> ledger.recordOverride(command.idempotencyKey(), operator, attemptId));
        }
    }

    /** The n-th resend of a failed attempt: the failed one's scope, then "resend-n". */
    private static SendCommand resendCommand(MessageAttempt failed, int nth, Map<String, Object> values) {
        String prefix = IdempotencyKey.of(failed.leadId(), failed.flow(), failed.step(), null);
        String scope = failed.idempotencyKey().length() > prefix.length()
                ? failed.idempotencyKey().substring(prefix.length() + 1) + ":" : "";
        return new SendCommand(failed.leadId(), failed.flow(), failed.step(), failed.templateKey(),
                scope + "resend-" + nth, values, true);
    }
}
