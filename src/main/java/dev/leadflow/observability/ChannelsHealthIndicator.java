package dev.leadflow.observability;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.ChannelState;
import dev.leadflow.messaging.ChannelState.Condition;
import dev.leadflow.messaging.ChannelStates;

/**
 * Health component {@code channels}: each outbound channel's condition, merged from every
 * {@link ChannelStates} bean (the worst report of a channel wins). A paused or failing channel makes it
 * {@code DEGRADED}, answered with HTTP 200 (application.yml): webhooks must keep reaching a node that
 * cannot send.
 */
@Component("channels")
class ChannelsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a channel cannot send");

    private final List<ChannelStates> sources;

    ChannelsHealthIndicator(List<ChannelStates> sources) {
        this.sources = sources;
    }

    @Override
    public Health health() {
        Map<String, ChannelState> worst = new TreeMap<>();
        for (ChannelStates source : sources) {
            for (ChannelState state : source.channelStates()) {
                worst.merge(state.channelId(), state,
                        (a, b) -> Comparator.comparing(ChannelState::condition).compare(a, b) >= 0 ? a : b);
            }
        }
        boolean allActive = worst.values().stream().allMatch(state -> state.condition() == Condition.ACTIVE);
        Health.Builder health = Health.status(allActive ? Status.UP : DEGRADED);
        worst.forEach((channelId, state) -> health.withDetail(channelId, details(state)));
        return health.build();
    }

    private static Map<String, Object> details(ChannelState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("condition", state.condition());
        if (state.detail() != null) {
            details.put("detail", state.detail());
        }
        if (state.since() != null) {
            details.put("since", state.since().toString());
        }
        return details;
    }
}
