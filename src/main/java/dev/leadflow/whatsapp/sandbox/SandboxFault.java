package dev.leadflow.whatsapp.sandbox;

/**
 * An error the simulator answers to the next sends.
 *
 * @param code            a Cloud API error code (whatsapp-cloud-api.md); ignored for {@code timeout}
 * @param timeout         accept the message, then answer later than the client waits
 * @param count           how many sends get this fault
 * @param withoutStatuses with {@code timeout}: no status webhook follows either, as when Meta's are late
 */
public record SandboxFault(Integer code, boolean timeout, int count, boolean withoutStatuses) {

    public SandboxFault(Integer code, boolean timeout, int count) {
        this(code, timeout, count, false);
    }
}
