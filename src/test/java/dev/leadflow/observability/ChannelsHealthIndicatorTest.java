package dev.leadflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import dev.leadflow.messaging.ChannelState;
import dev.leadflow.messaging.ChannelState.Condition;
import dev.leadflow.messaging.ChannelStates;

class ChannelsHealthIndicatorTest {

    private static final Instant AT = Instant.parse("2026-03-04T15:00:00Z");

    @Test
    void everyChannelActiveIsUp() {
        Health health = indicator(() -> List.of(state("100", Condition.ACTIVE), state("200", Condition.ACTIVE)))
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("100", "200");
    }

    @Test
    void theWorstReportOfAChannelWinsAndDegradesHealth() {
        ChannelStates observed = () -> List.of(state("100", Condition.ACTIVE));
        ChannelStates rules = () -> List.of(new ChannelState("100", Condition.PAUSED, "quality rating low", AT));

        Health health = indicator(observed, rules).health();

        assertThat(health.getStatus()).isEqualTo(ChannelsHealthIndicator.DEGRADED);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) health.getDetails().get("100");
        assertThat(details)
                .containsEntry("condition", Condition.PAUSED)
                .containsEntry("detail", "quality rating low")
                .containsEntry("since", AT.toString());
    }

    private static ChannelsHealthIndicator indicator(ChannelStates... sources) {
        return new ChannelsHealthIndicator(List.of(sources));
    }

    private static ChannelState state(String channelId, Condition condition) {
        return new ChannelState(channelId, condition, null, null);
    }
}
