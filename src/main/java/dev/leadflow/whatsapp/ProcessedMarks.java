package dev.leadflow.whatsapp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Marks the deliveries its workers processed, by the batch: one update for all those finished in the last
 * tenth of a second, instead of an update and a commit for each (a message's three statuses are three
 * deliveries). Until its mark, a row stays claimed by its worker for the sweep grace; a node that stops before
 * marking leaves it to the sweeper, which processes it again: every part of a delivery is idempotent, so
 * that costs work, never a duplicate.
 */
@Component
class ProcessedMarks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessedMarks.class);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int ROWS_PER_UPDATE = 500;

    private final WebhookDeliveries deliveries;
    private final Clock system = Clock.systemUTC();
    private final ConcurrentLinkedQueue<Long> processed = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService marker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-processed-marks");
        thread.setDaemon(true);
        return thread;
    });

    ProcessedMarks(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
        marker.scheduleWithFixedDelay(this::markQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The delivery was processed: it is marked so within {@link #INTERVAL}. */
    void add(long deliveryId) {
        processed.add(deliveryId);
    }

    /** Marks every delivery added so far. */
    void mark() {
        List<Long> batch = new ArrayList<>();
        for (Long id = processed.poll(); id != null; id = processed.poll()) {
            batch.add(id);
            if (batch.size() == ROWS_PER_UPDATE) {
                deliveries.finishProcessed(batch, system.instant());
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            deliveries.finishProcessed(batch, system.instant());
        }
    }

    private void markQuietly() {
        try {
            mark();
        } catch (RuntimeException e) {
            // the rows stay claimed: the sweeper processes them again once their grace is over
            log.warn("Processed webhook deliveries could not be marked; the sweeper takes them again: {}",
                    e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        marker.shutdown();
        marker.awaitTermination(5, TimeUnit.SECONDS);
        markQuietly();
    }
}
