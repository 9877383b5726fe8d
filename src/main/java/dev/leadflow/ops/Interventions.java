package dev.leadflow.ops;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.crm.UnknownLeadException;
import dev.leadflow.flow.FlowInterventionException;
import dev.leadflow.flow.FlowInterventions;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.OperatorHolds;
import dev.leadflow.messaging.OperatorHolds.PausableSubject;
import dev.leadflow.messaging.OpsRequestException;
import dev.leadflow.messaging.PlainWords;
import dev.leadflow.messaging.PermanentSendFailureException;
import dev.leadflow.messaging.Resends;
import dev.leadflow.messaging.RetryLaterException;
import dev.leadflow.messaging.SendOutcome;
import dev.leadflow.ops.OpsActions.Action;

/**
 * What an operator can do about a stuck lead, flow, message, channel or template. Each intervention
 * happens together with its record in {@code ops_action} (and, for the flows, Camunda's user operation
 * log under the operator's name), or not at all.
 */
@Service
public class Interventions {

    static final int MAX_REASON = 1000;
    private static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,128}";

    private final FlowInterventions flows;
    private final Resends resends;
    private final OperatorHolds holds;
    private final MessageLedger ledger;
    private final RecipientDirectory leads;
    private final OpsActions actions;
    private final TransactionTemplate transaction;

    Interventions(FlowInterventions flows, Resends resends, OperatorHolds holds, MessageLedger ledger,
                  RecipientDirectory leads, OpsActions actions, PlatformTransactionManager transactionManager) {
        this.flows = flows;
        this.resends = resends;
        this.holds = holds;
        this.ledger = ledger;
        this.leads = leads;
        this.actions = actions;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public InterventionResult pauseLead(String leadId, String operator, String reason) {
        requireLead(leadId);
        return atomically(() -> actions.record(operator, Action.PAUSE_LEAD, leadId, leadId, reason,
                "paused " + flows.pauseLead(leadId, operator).size() + " flow(s)"));
    }

    public InterventionResult resumeLead(String leadId, String operator, String reason) {
        requireLead(leadId);
        return atomically(() -> actions.record(operator, Action.RESUME_LEAD, leadId, leadId, reason,
                "resumed " + flows.resumeLead(leadId, operator).size() + " flow(s)"));
    }

    public InterventionResult skipWaitingStep(String leadId, String processInstanceId, String step, String operator,
                                              String reason) {
        requireFlowOf(leadId, processInstanceId);
        return atomically(() -> actions.record(operator, Action.SKIP_STEP, leadId, processInstanceId, reason,
                flows.skipWaitingStep(processInstanceId, step, operator, reason)));
    }

    public InterventionResult sendNow(String leadId, String processInstanceId, String operator, String reason) {
        requireFlowOf(leadId, processInstanceId);
        return atomically(() -> actions.record(operator, Action.SEND_NOW, leadId, processInstanceId, reason,
                flows.runWaitingStepNow(processInstanceId, operator)));
    }

    public InterventionResult cancelFlow(String leadId, String processInstanceId, String operator, String reason) {
        requireFlowOf(leadId, processInstanceId);
        return atomically(() -> actions.record(operator, Action.CANCEL_FLOW, leadId, processInstanceId, reason,
                flows.cancel(processInstanceId, operator, reason)));
    }

    /**
     * Sends a failed message again as an explicit override, once per failed attempt, and never a step whose
     * message went out already: a second request is refused (409) with the attempt that already went. Answers
     * the new attempt's outcome (sent, or failed again); a sent one closes what waited for it in the flow (the
     * send-failure task, the stopped step). A rule that says not now or never refuses with nothing written.
     */
    public InterventionResult resend(long attemptId, String operator, String reason) {
        MessageAttempt failed = ledger.findById(attemptId)
                .orElseThrow(() -> new OpsRefusal(true, "no message attempt " + attemptId));
        Map<String, Object> values = flows.templateValuesOfLatest(failed.leadId(), failed.flow());
        String result;
        boolean sent = false;
        try {
            SendOutcome outcome = resends.resend(attemptId, operator, values);
            if (outcome.decision() == SendOutcome.Decision.SKIPPED
                    || outcome.decision() == SendOutcome.Decision.DEFERRED) {
                throw new OpsRefusal(false, "not sent: " + outcome.summary()
                        + (outcome.deferredUntil() != null ? " (ask again after "
                        + PlainWords.at(outcome.deferredUntil()) + ")" : ""));
            }
            sent = true;
            result = outcome.summary() + " as " + outcome.idempotencyKey()
                    + ledger.findByKey(outcome.idempotencyKey()).map(a -> " (attempt " + a.id() + ")").orElse("");
        } catch (PermanentSendFailureException | RetryLaterException e) {
            result = "FAILED again: " + e.getMessage()
                    + ledger.resendOf(attemptId).map(a -> " (attempt " + a.id() + ")").orElse("");
        } catch (OpsRequestException e) {
            throw new OpsRefusal(e.unknown(), e.getMessage(), e.existing().map(MessageAttempt::id).orElse(null));
        }
        String flowAnswer = flows.messageSentAgain(failed.leadId(), failed.flow(), failed.stepKey(), operator, result,
                sent).map(done -> "; " + done).orElse("");
        return actions.record(operator, Action.RESEND_MESSAGE, failed.leadId(), String.valueOf(attemptId), reason,
                result + flowAnswer);
    }

    public InterventionResult pause(PausableSubject subject, String id, String operator, String reason) {
        return atomically(() -> {
            holds.pause(subject, id, operator, reason);
            return actions.record(operator, subject == PausableSubject.CHANNEL ? Action.PAUSE_CHANNEL
                    : Action.PAUSE_TEMPLATE, null, id, reason, "its sends are held until it is resumed");
        });
    }

    public InterventionResult resume(PausableSubject subject, String id, String operator, String reason) {
        return atomically(() -> actions.record(operator, subject == PausableSubject.CHANNEL ? Action.RESUME_CHANNEL
                : Action.RESUME_TEMPLATE, null, id, reason, "resumed; it was held: "
                + holds.resume(subject, id, operator) + "; held sends go at their next check"));
    }

    /** An id in a path: a lead, flow, step, channel or template. */
    public static String checkedId(String field, String value) {
        if (value == null || !value.matches(ID_PATTERN)) {
            throw new InvalidFieldException(field, "1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }

    /** A reason as recorded: trimmed, null when blank. */
    public static String checkedReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidFieldException("reason", "at most " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    private void requireLead(String leadId) {
        if (leads.find(leadId).isEmpty()) {
            throw new UnknownLeadException(leadId);
        }
    }

    private void requireFlowOf(String leadId, String processInstanceId) {
        requireLead(leadId);
        if (!flows.leadOfRunningFlow(processInstanceId).filter(leadId::equals).isPresent()) {
            throw new OpsRefusal(true, "lead " + leadId + " has no running flow " + processInstanceId);
        }
    }

    /** The intervention and its record commit together; a refusal leaves both undone. */
    private InterventionResult atomically(Supplier<InterventionResult> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (FlowInterventionException e) {
            throw new OpsRefusal(e.unknown(), e.getMessage());
        } catch (OpsRequestException e) {
            throw new OpsRefusal(e.unknown(), e.getMessage());
        }
    }

    /** An intervention refused with nothing changed: it names nothing known (404) or does not apply now (409). */
    public static class OpsRefusal extends RuntimeException {

        private final boolean unknown;
        private final Long existingAttemptId;

        OpsRefusal(boolean unknown, String message) {
            this(unknown, message, null);
        }

        OpsRefusal(boolean unknown, String message, Long existingAttemptId) {
            super(message);
            this.unknown = unknown;
            this.existingAttemptId = existingAttemptId;
        }

        public boolean unknown() {
            return unknown;
        }

        /** The message attempt that shows what already happened, when that is why it was refused. */
        public Long existingAttemptId() {
            return existingAttemptId;
        }
    }
}
