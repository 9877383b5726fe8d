package dev.leadflow.flow;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The send queue's backpressure as metrics, read from the shared database at each scrape (cluster-wide: aggregate
 * with max, not sum): {@code leadflow.sends.queued} (sends due and waiting for a job executor thread) and
 * {@code leadflow.sends.oldest.wait} (seconds the oldest of them has been due).
 */
@Component
class SendQueueGauges implements MeterBinder {

    private final SendQueue sendQueue;

    SendQueueGauges(SendQueue sendQueue) {
        this.sendQueue = sendQueue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("leadflow.sends.queued", sendQueue, queue -> queue.now().depth())
                .description("Sends due and waiting for a job executor thread (cluster-wide)")
                .register(registry);
        Gauge.builder("leadflow.sends.oldest.wait", sendQueue, queue -> queue.now().oldestWait().toMillis() / 1000.0)
                .description("How long the oldest queued send has been due (cluster-wide)")
                .baseUnit("seconds")
                .register(registry);
    }
}
