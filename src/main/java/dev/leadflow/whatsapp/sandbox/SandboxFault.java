package dev.leadflow.whatsapp.sandbox;

/**
 * An error the simulator answers to the next sends.
 *
 * @param code    a Cloud API error code (whatsapp-cloud-api.md); ignored for {@code timeout}
 * @param timeout accept the message, then answer later than the client waits
 * @param count   how many sends get this fault
 */
public record SandboxFault(Integer code, boolean timeout, int count) {
}
