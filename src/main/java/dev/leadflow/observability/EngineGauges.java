package dev.leadflow.observability;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The engine's backlog, read from the shared database at each scrape (so every node reports the same
 * cluster-wide value: aggregate with max, not sum): {@code leadflow.jobs.due} (jobs the job executor
 * should run now: sends, timers that fired), {@code leadflow.jobs.failed} (jobs out of retries) and
 * {@code leadflow.incidents.open}.
 */
@Component
class EngineGauges implements MeterBinder {

    private final ManagementService management;
    private final HistoryService history;

    EngineGauges(ManagementService management, HistoryService history) {
        this.management = management;
        this.history = history;
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
    }
}
