package dev.leadflow.whatsapp.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** What the simulator received, what it was told to fail and how to report statuses, in memory. */
@Component
public class SandboxMailbox {

    private final List<SandboxMessage> messages = new ArrayList<>();
    private final Deque<SandboxFault> faults = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    /** By recipient phone; the key "" holds the setting for every other phone. */
    private final Map<String, SandboxChaos> chaos = new HashMap<>();
    /** The last status reported to Leadflow for each outbound message, by wamid. */
    private final Map<String, String> statuses = new HashMap<>();

    public synchronized void add(SandboxMessage message) {
        messages.add(message);
    }

    public synchronized List<SandboxMessage> messages() {
        return List.copyOf(messages);
    }

    /** Every send request that reached the simulator, refused ones included, by recipient. */
    synchronized void recordRequest(String to) {
        requests.add(to);
    }

    public synchronized long requestsTo(String phone) {
        return requests.stream().filter(phone::equals).count();
    }

    public synchronized List<SandboxMessage> outboundTo(String phone) {
        return messages.stream()
                .filter(m -> m.direction() == SandboxMessage.Direction.OUTBOUND && phone.equals(m.to()))
                .toList();
    }

    public synchronized Optional<SandboxMessage> byWamid(String wamid) {
        return messages.stream().filter(m -> m.wamid().equals(wamid)).findFirst();
    }

    public synchronized void injectFault(SandboxFault fault) {
        if (fault.count() > 0) {
            faults.addLast(fault);
        }
    }

    /** The fault for the next send, if one is queued. */
    synchronized Optional<SandboxFault> takeFault() {
        SandboxFault head = faults.pollFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (head.count() > 1) {
            faults.addFirst(new SandboxFault(head.code(), head.timeout(), head.count() - 1, head.withoutStatuses()));
        }
        return Optional.of(head);
    }

    /** Replaces the status chaos for its phone (or for every phone without its own). */
    public synchronized void setChaos(SandboxChaos setting) {
        chaos.put(setting.phone() == null ? "" : setting.phone(), setting);
    }

    public synchronized List<SandboxChaos> chaos() {
        return List.copyOf(chaos.values());
    }

    public synchronized SandboxChaos chaosFor(String phone) {
        return chaos.getOrDefault(phone, chaos.getOrDefault("", SandboxChaos.NONE));
    }

    public synchronized void clearChaos() {
        chaos.clear();
    }

    /** The faults queued for the next sends, the next first. */
    public synchronized List<SandboxFault> faults() {
        return List.copyOf(faults);
    }

    /**
     * Leadflow was told this status of the message: a later one (sent, delivered, read) replaces an earlier
     * one, whatever the order of the reports; failed replaces any.
     */
    synchronized void recordStatus(String wamid, String status) {
        statuses.merge(wamid, status, (old, reported) -> rank(reported) >= rank(old) ? reported : old);
    }

    /** The last status reported for the message: sent, delivered, read or failed; empty before the first. */
    public synchronized Optional<String> statusOf(String wamid) {
        return Optional.ofNullable(statuses.get(wamid));
    }

    private static int rank(String status) {
        return switch (status) {
            case "sent" -> 1;
            case "delivered" -> 2;
            case "read" -> 3;
            case "failed" -> 4;
            default -> 0;
        };
    }

    /** Forgets every queued fault: the next sends are answered normally. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    public synchronized void clear() {
        messages.clear();
        faults.clear();
        requests.clear();
        chaos.clear();
        statuses.clear();
    }
}
