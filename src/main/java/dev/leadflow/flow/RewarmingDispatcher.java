package dev.leadflow.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Starts one rewarming flow per stalled lead without a running flow, spread over the dispatch window. */
@Component
class RewarmingDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RewarmingDispatcher.class);

    private final RewarmingCandidates candidates;
    private final RewarmingProperties properties;
    private final RuntimeService runtime;

    RewarmingDispatcher(RewarmingCandidates candidates, RewarmingProperties properties, RuntimeService runtime) {
        this.candidates = candidates;
        this.properties = properties;
        this.runtime = runtime;
    }

    /** @return how many rewarming flows were started */
    int dispatch(Instant now) {
        String round = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        List<String> leads = candidates.stalledSince(now.minus(Duration.ofDays(properties.inactiveDays())),
                        properties.maxLeadsPerRun()).stream()
                .filter(leadId -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count() == 0)
                .toList();
        for (int i = 0; i < leads.size(); i++) {
            runtime.createProcessInstanceByKey(RewarmingFlow.PROCESS_KEY)
                    .businessKey(leads.get(i))
                    .setVariables(Map.of(
                            FlowVariables.LEAD_ID, leads.get(i),
                            FlowVariables.REWARMING_ROUND, round,
                            FlowVariables.REWARMING_START_AT,
                            Date.from(slot(now, properties.window(), i, leads.size()))))
                    .execute();
        }
        log.info("Rewarming round {}: {} lead(s) dispatched over {}", round, leads.size(), properties.window());
        return leads.size();
    }

    /** The start of lead {@code index} of {@code count}: evenly spread over the window, the first one now. */
    static Instant slot(Instant now, Duration window, int index, int count) {
        return now.plus(window.multipliedBy(index).dividedBy(Math.max(1, count)));
    }
}
