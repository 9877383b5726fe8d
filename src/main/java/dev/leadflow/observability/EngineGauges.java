package dev.leadflow.observability;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.stereotype.Component;

import dev.leadflow.flow.SendQueue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The engine's backlog, read from the shared database at each scrape (so every node reports the same
 * cluster-wide value: aggregate with max, not sum): {@code leadflow.jobs.due} (jobs the job executor
 * should run now: sends, timers that fired), {@code leadflow.jobs.failed} (jobs out of retries) and
 * {@code leadflow.incidents.open}; the send queue's backpressure: {@code leadflow.sends.queued} (sends due and
 * waiting for a job executor thread) and {@code leadflow.sends.oldest.wait} (seconds the oldest of them has
 * been due).
 */
@Component
class EngineGauges implements MeterBinder {

    private final ManagementService management;
    private final HistoryService history;
    private final SendQueue sendQueue;

    EngineGauges(ManagementService management, HistoryService history, SendQueue sendQueue) {
        this.management = management;
        this.history = history;
        this.sendQueue = sendQueue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("leadflow.jobs.due", management, m -> m.createJobQuery().executable().active().count())
                .description("Jobs due now and not yet executed (cluster-wide)")
                .register(registry);
        Gauge.builder("leadflow.jobs.failed", management, m -> m.createJobQuery().noRetriesLeft().count())
                .description("Jobs without retries left (cluster-wide)")
                .register(registry);
        Gauge.builder("leadflow.incidents.open", history, h -> h.createHistoricIncidentQuery().open().count())
                .description("Open Camunda incidents (cluster-wide)")
                .register(registry);
        Gauge.builder("leadflow.sends.queued", sendQueue, queue -> queue.now().depth())
                .description("Sends due and waiting for a job executor thread (cluster-wide)")
                .register(registry);
        Gauge.builder("leadflow.sends.oldest.wait", sendQueue, queue -> queue.now().oldestWait().toMillis() / 1000.0)
                .description("How long the oldest queued send has been due (cluster-wide)")
                .baseUnit("seconds")
                .register(registry);
    }
}
