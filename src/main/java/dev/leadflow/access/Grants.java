package dev.leadflow.access;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.READ;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/** What each role may do in the engine, as Camunda authorizations granted to its groups. The one list. */
final class Grants {

    /** A grant of permissions on one resource (all of its kind: {@code *}, or one id). */
    record Grant(Resource resource, String resourceId, List<Permission> permissions) {
    }

    private Grants() {
    }

    static List<Grant> of(Roles role) {
        return switch (role) {
            // correlating a CRM message: continue a waiting flow, or start one on a message start event
            case CRM -> List.of(
                    all(Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                            ProcessDefinitionPermissions.CREATE_INSTANCE),
                    all(Resources.PROCESS_INSTANCE, ProcessInstancePermissions.CREATE));
            // Cockpit and Tasklist: watch and repair flows, work on the tasks of their group
            case OPERATOR -> List.of(
                    new Grant(Resources.APPLICATION, "cockpit", List.of(ACCESS)),
                    new Grant(Resources.APPLICATION, "tasklist", List.of(ACCESS)),
                    all(Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.READ,
                            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                            ProcessDefinitionPermissions.DELETE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
                            ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                            ProcessDefinitionPermissions.READ_TASK),
                    all(Resources.PROCESS_INSTANCE, ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE,
                            ProcessInstancePermissions.DELETE, ProcessInstancePermissions.RETRY_JOB,
                            ProcessInstancePermissions.SUSPEND),
                    all(Resources.DECISION_DEFINITION, READ, Permissions.READ_HISTORY),
                    all(Resources.DECISION_REQUIREMENTS_DEFINITION, READ),
                    all(Resources.DEPLOYMENT, READ),
                    all(Resources.USER, READ),
                    all(Resources.GROUP, READ));
            // Modeler's Deploy and reading what happened; no hand on running flows
            case ANALYST -> List.of(
                    new Grant(Resources.APPLICATION, "cockpit", List.of(ACCESS)),
                    all(Resources.DEPLOYMENT, Permissions.CREATE, READ),
                    all(Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.READ,
                            ProcessDefinitionPermissions.READ_HISTORY),
                    all(Resources.DECISION_DEFINITION, READ, Permissions.READ_HISTORY),
                    all(Resources.DECISION_REQUIREMENTS_DEFINITION, READ));
            case ADMIN -> everything();
        };
    }

    private static List<Grant> everything() {
        List<Grant> grants = new ArrayList<>();
        for (Resources resource : Resources.values()) {
            grants.add(new Grant(resource, "*", List.of(ALL)));
        }
        return grants;
    }

    private static Grant all(Resource resource, Permission... permissions) {
        return new Grant(resource, "*", List.of(permissions));
    }
}
