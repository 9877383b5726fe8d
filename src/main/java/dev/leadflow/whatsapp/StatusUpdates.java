package dev.leadflow.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.flow.FlowConflicts;
import dev.leadflow.messaging.DeliveryStatuses;
import dev.leadflow.messaging.MessageCosts;
import dev.leadflow.messaging.MessageStatusChanged;
import dev.leadflow.messaging.StatusReport;
import dev.leadflow.observability.LeadMdc;

/**
 * Applies one reported status: recorded once per (wamid, status), the attempt moved forward only
 * (so any arrival order ends in the same state), and {@link MessageStatusChanged} published when it
 * moved. The listeners run inside the same transaction: if one fails, the status is applied again later.
 */
@Component
class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private static final MessageCosts.StatusPricing NO_PRICING = new MessageCosts.StatusPricing(null, null, null,
            null, null, null, null);

    private final DeliveryStatuses statuses;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    StatusUpdates(DeliveryStatuses statuses, ApplicationEventPublisher events, Clock clock,
                  PlatformTransactionManager transactionManager) {
        this.statuses = statuses;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** False for a duplicate report. */
    boolean apply(StatusReport report) {
        return apply(report, NO_PRICING);
    }

    /** The same, keeping what Meta said the status costs ({@code pricing}, {@code conversation}). */
    boolean apply(StatusReport report, MessageCosts.StatusPricing pricing) {
        return Boolean.TRUE.equals(FlowConflicts.retry(() -> transaction.execute(status -> applyOnce(report,
                pricing))));
    }

    private boolean applyOnce(StatusReport report, MessageCosts.StatusPricing pricing) {
        Instant now = clock.instant();
        Optional<DeliveryStatuses.Applied> applied = statuses.apply(report, pricing, now);
        if (applied.isEmpty()) {
            return false;
        }
        if (applied.get().attempt().isEmpty()) {
            log.info("Status {} of a message Leadflow did not send (wamid {})", report.status(), report.wamid());
        }
        applied.get().changed().ifPresent(changed -> {
            try (var mdc = LeadMdc.put(changed.attempt().leadId())) {
                events.publishEvent(changed);
            }
        });
        return true;
    }
}
