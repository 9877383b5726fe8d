package dev.leadflow.messaging;

import java.util.Map;

/**
 * One send a flow asks for.
 *
 * @param scope          what makes this send unique beyond lead, flow and step (a meeting and its time, a
 *                       rewarming round); null when the step happens once per lead
 * @param values         named values a template parameter may bind to, such as {@code meeting.startsAt}
 * @param resendApproved an operator chose "retry" for this send after it failed or its outcome stayed
 *                       unknown: send it again even though the lead might get it twice
 * @param resend         for an operator's re-send of a failed attempt: which one, of which step, by whom;
 *                       null for a flow's own send
 */
public record SendCommand(
        String leadId,
        String flow,
        String step,
        String templateKey,
        String scope,
        Map<String, Object> values,
        boolean resendApproved,
        Resend resend) {

    public SendCommand(String leadId, String flow, String step, String templateKey, String scope,
                       Map<String, Object> values) {
        this(leadId, flow, step, templateKey, scope, values, false, null);
    }

    public SendCommand(String leadId, String flow, String step, String templateKey, String scope,
                       Map<String, Object> values, boolean resendApproved) {
        this(leadId, flow, step, templateKey, scope, values, resendApproved, null);
    }

    /** The same send with another template: an experiment's variant of the step; the key stays the step's. */
    public SendCommand sending(String otherTemplateKey) {
        return new SendCommand(leadId, flow, step, otherTemplateKey, scope, values, resendApproved);
    }

    public String idempotencyKey() {
        return IdempotencyKey.of(leadId, flow, step, scope);
    }

    /** The send step this message belongs to: at most one of its attempts is in flight or accepted. */
    public String stepKey() {
        return resend != null ? resend.stepKey() : idempotencyKey();
    }

    /** An operator's override of failed attempt {@code failedAttemptId} of step {@code stepKey}. */
    public record Resend(long failedAttemptId, String stepKey, String operator) {
    }
}
