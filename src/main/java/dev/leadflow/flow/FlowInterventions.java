package dev.leadflow.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator may do to a lead's flows. Each runs as the operator, so Camunda's user operation log
 * names them; each throws {@link FlowInterventionException} and changes nothing when it does not apply.
 */
public interface FlowInterventions {

    /** Suspends every running flow of the lead; answers the instances it paused. */
    List<String> pauseLead(String leadId, String operator);

    /** Activates every suspended flow of the lead; answers the instances it resumed. */
    List<String> resumeLead(String leadId, String operator);

    /** The lead (business key) of a running flow; empty when no such flow runs. */
    Optional<String> leadOfRunningFlow(String processInstanceId);

    /**
     * Moves the flow past the step it waits at (or {@code stepId}, when it waits at several): a wait with a
     * timeout takes its timer's path, any other step its way out.
     *
     * @return what was done, for the operator's record
     */
    String skipWaitingStep(String processInstanceId, String stepId, String operator, String reason);

    /**
     * Makes the flow's next timer or deferred send due now (and gives a step out of retries one more
     * try), so it runs at once under the usual rules.
     *
     * @return what was done, for the operator's record
     */
    String runWaitingStepNow(String processInstanceId, String operator);

    /** Cancels the flow (and the flows it called), recording the operator and the reason. */
    String cancel(String processInstanceId, String operator, String reason);

    /**
     * An operator sent the message of a flow's send step again (the step's idempotency key): when it went out,
     * the step's send-failure task is completed and its stopped job (incident) is given one more try, which
     * finds the message sent and goes on; when it did not, the task says so and the flow keeps waiting.
     *
     * @return what was done, for the operator's record; empty when no flow waited for this message
     */
    Optional<String> messageSentAgain(String leadId, String flow, String stepKey, String operator, String result,
                                      boolean sent);

    /** The template values of the lead's latest flow of this process key, as its send step saw them. */
    Map<String, Object> templateValuesOfLatest(String leadId, String flow);
}
