package dev.leadflow.whatsapp.sandbox;

import java.time.Duration;

/**
 * How the simulator reports statuses, Meta's misbehaviour included: late, duplicated, out of order, batched,
 * {@code delivered} skipped, or failed after being accepted (docs/adr/arch-store-then-process-webhooks.md).
 *
 * @param phone         only messages to this number (E.164); null for every message
 * @param silent        report no status at all (a test then posts its own)
 * @param reverse       report the statuses last first (read, delivered, sent)
 * @param duplicates    extra copies of each status delivery
 * @param skipDelivered report read without delivered, as for a message read at once
 * @param delay         extra time before the first status
 * @param batch         all statuses of a message in one delivery
 * @param failWith      after {@code sent}, report {@code failed} with this Cloud API error code
 */
public record SandboxChaos(String phone, boolean silent, boolean reverse, int duplicates, boolean skipDelivered,
                           Duration delay, boolean batch, Integer failWith) {

    public static final SandboxChaos NONE = new SandboxChaos(null, false, false, 0, false, Duration.ZERO, false, null);

    public SandboxChaos {
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static SandboxChaos forPhone(String phone) {
        return new SandboxChaos(phone, false, false, 0, false, Duration.ZERO, false, null);
    }

    public SandboxChaos muted() {
        return new SandboxChaos(phone, true, reverse, duplicates, skipDelivered, delay, batch, failWith);
    }

    public SandboxChaos reversed() {
        return new SandboxChaos(phone, silent, true, duplicates, skipDelivered, delay, batch, failWith);
    }

    public SandboxChaos duplicated(int copies) {
        return new SandboxChaos(phone, silent, reverse, copies, skipDelivered, delay, batch, failWith);
    }

    public SandboxChaos withoutDelivered() {
        return new SandboxChaos(phone, silent, reverse, duplicates, true, delay, batch, failWith);
    }

    public SandboxChaos late(Duration extra) {
        return new SandboxChaos(phone, silent, reverse, duplicates, skipDelivered, extra, batch, failWith);
    }

    public SandboxChaos batched() {
        return new SandboxChaos(phone, silent, reverse, duplicates, skipDelivered, delay, true, failWith);
    }

    public SandboxChaos failingWith(int code) {
        return new SandboxChaos(phone, silent, reverse, duplicates, skipDelivered, delay, batch, code);
    }
}
