package dev.leadflow.flow;

import java.util.List;

/**
 * Moving the leads that wait in older versions of a flow to its latest version (Camunda's migration API, the
 * activities mapped by id). A dry run says, per lead, where it would wait and what it would be sent next;
 * nothing changes then.
 */
public interface FlowMigrations {

    /** What migrating would do; the flow's leads stay where they are. */
    Report dryRun(String flow);

    /** Migrates every lead that can be migrated; the others stay, each with the reason. */
    Report migrate(String flow);

    /**
     * @param targetVersion the latest version of the flow, where the leads go
     */
    record Report(String flow, int targetVersion, List<LeadMove> leads) {
    }

    /**
     * One lead's instance in an older version.
     *
     * @param waitsNow the steps it waits at now (their names)
     * @param waitsAfter where it waits in the target version
     * @param nextSend the first message the target version would send it from there ({@code templateKey (step)}),
     *                 or null when none follows
     * @param problem why it cannot be (or was not) migrated, or null
     */
    record LeadMove(String leadId, String processInstanceId, int fromVersion, List<String> waitsNow,
                    List<String> waitsAfter, String nextSend, boolean migrated, String problem) {
    }

    /** No flow of that key is deployed. */
    class UnknownFlowException extends RuntimeException {
        public UnknownFlowException(String flow) {
            super("No flow '" + flow + "' is deployed");
        }
    }
}
