package dev.leadflow.access;

/**
 * The four roles and the Camunda groups that carry them. Operator groups are configured
 * ({@link AccessProperties#operatorGroups()}); the others are fixed.
 */
public enum Roles {
    /** The CRM integration: the CRM API and message correlation. */
    CRM,
    /** Cockpit, Tasklist, the Leadflow page and the interventions. */
    OPERATOR,
    /** Deployments (Modeler's Deploy) and reading history. */
    ANALYST,
    /** Everything, Camunda Admin included. */
    ADMIN;

    public static final String CRM_GROUP = "leadflow-crm";
    public static final String ANALYST_GROUP = "analysts";
    /** Camunda's own admin group: Camunda Admin and the engine's admin-only operations. */
    public static final String ADMIN_GROUP = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

    /** Spring Security's authority name, e.g. {@code ROLE_OPERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
