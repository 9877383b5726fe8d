package dev.leadflow.messaging;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of one message in the ledger. Statuses only move forward: a late report of an earlier
 * status never overwrites a later one.
 */
public enum AttemptStatus {
    /** Written before the HTTP call; still PENDING afterwards means the outcome is unknown. */
    PENDING(0),
    /** Refused by the API without being accepted; may be sent again. */
    REJECTED(0),
    ACCEPTED(1),
    SENT(2),
    DELIVERED(3),
    READ(4),
    FAILED(5);

    private final int rank;

    AttemptStatus(int rank) {
        this.rank = rank;
    }

    public boolean isAfter(AttemptStatus other) {
        return rank > other.rank;
    }

    /** Whether the API accepted the message and has not reported it failed: never send it again. */
    public boolean accepted() {
        return rank >= ACCEPTED.rank && this != FAILED;
    }

    /** Maps a Cloud API webhook status word. */
    public static Optional<AttemptStatus> fromWebhook(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "sent" -> Optional.of(SENT);
            case "delivered" -> Optional.of(DELIVERED);
            case "read" -> Optional.of(READ);
            case "failed" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
