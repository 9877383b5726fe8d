package dev.leadflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Statuses a channel reports for the messages it sent, applied to the ledger: recorded once per
 * (wamid, status), the attempt moved forward only, so any arrival order ends in the same state.
 */
@Component
public class DeliveryStatuses {

    private final MessageLedger ledger;

    DeliveryStatuses(MessageLedger ledger) {
        this.ledger = ledger;
    }

    /** The lead's messages, for telling which one a reply answers ({@code context.id}). */
    public List<MessageAttempt> messagesOf(String leadId) {
        return ledger.findByLead(leadId);
    }

    /**
     * Records the report, with what Meta said the status costs, and moves its attempt forward, in the
     * caller's transaction.
     *
     * @return empty for a duplicate report; otherwise what became of the attempt (none for a message
     *         Leadflow did not send), with the change to announce when the attempt moved to the reported status
     */
    public Optional<Applied> apply(StatusReport report, MessageCosts.StatusPricing pricing, Instant now) {
        if (!ledger.recordStatusEvent(report, pricing, now)) {
            return Optional.empty();
        }
        Optional<MessageAttempt> attempt = ledger.applyStatus(report, now);
        return Optional.of(new Applied(attempt, attempt.filter(moved -> moved.status() == report.status())
                .map(moved -> new MessageStatusChanged(moved, report))));
    }

    /**
     * @param attempt the ledger entry, empty for a message Leadflow did not send
     * @param changed present when the attempt moved to the reported status: publish it
     */
    public record Applied(Optional<MessageAttempt> attempt, Optional<MessageStatusChanged> changed) {
    }
}
