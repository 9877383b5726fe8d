package dev.leadflow.legacy;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import dev.leadflow.legacy.StatusWords.MessageStatus;

/**
 * What the legacy system did for one (lead, flow, step), under the idempotency key a Leadflow send of that
 * step has.
 *
 * @param sentAt     when it (first) went out; null when the tracking did not say
 * @param leadStatus the lead's canonical CRM status on that row, or {@code ?word} for a word the mapping lacks
 */
record LegacyFact(String key, String leadId, String flow, String step, MessageStatus status, String rawStatus,
                  Integer errorCode, Instant sentAt, String wamid, String leadStatus) {

    /** Several rows of one step: the strongest evidence that it went out wins, with the first time it did. */
    LegacyFact merge(LegacyFact other) {
        LegacyFact stronger = rank(other.status) > rank(status) ? other : this;
        LegacyFact weaker = stronger == this ? other : this;
        Instant firstSent = stronger.status.maybeSent() ? Stream.of(this, other)
                .filter(fact -> fact.status.maybeSent()).map(LegacyFact::sentAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null) : stronger.sentAt;
        return new LegacyFact(key, leadId, flow, step, stronger.status, stronger.rawStatus, stronger.errorCode,
                firstSent, stronger.wamid != null ? stronger.wamid : weaker.wamid,
                stronger.leadStatus != null ? stronger.leadStatus : weaker.leadStatus);
    }

    private static int rank(MessageStatus status) {
        return switch (status) {
            case READ -> 6;
            case DELIVERED -> 5;
            case SENT -> 4;
            case UNKNOWN -> 3;
            case FAILED -> 2;
            case PENDING -> 1;
        };
    }
}
