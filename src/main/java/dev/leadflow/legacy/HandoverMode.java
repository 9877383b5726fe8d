package dev.leadflow.legacy;

/** Who makes a flow's sends while Leadflow and the legacy automations it replaces both run. */
enum HandoverMode {
    /** The legacy system still sends this flow's messages; Leadflow's send steps leave them to it. */
    LEGACY,
    /** Leadflow decides as if it sent, records what it would have sent, and sends nothing. */
    SHADOW,
    /** Leadflow sends. */
    LEADFLOW
}
