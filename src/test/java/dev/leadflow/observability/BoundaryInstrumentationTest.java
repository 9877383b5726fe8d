package dev.leadflow.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.ChannelReceipt;
import dev.leadflow.messaging.ChannelState.Condition;
import dev.leadflow.messaging.FailureKind;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.OutboundMessage;
import dev.leadflow.messaging.SendFailedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The proxies around the channel and the coordination backend measure without changing behaviour. */
class BoundaryInstrumentationTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();
    private final ObservedChannelStates channelStates;
    private final BoundaryInstrumentation instrumentation;

    BoundaryInstrumentationTest() {
        beans.addBean("registry", registry);
        channelStates = new ObservedChannelStates(beans.getBeanProvider(OutboundChannel.class),
                Clock.fixed(Instant.parse("2026-03-04T15:00:00Z"), ZoneOffset.UTC));
        beans.addBean("channelStates", channelStates);
        instrumentation = new BoundaryInstrumentation(beans.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class),
                beans.getBeanProvider(ObservedChannelStates.class));
    }

    @Test
    void timesCloudApiCallsByOutcome() {
        OutboundChannel channel = instrument(new FakeChannel(null), OutboundChannel.class);

        assertThat(channel.send(message()).messageId()).isEqualTo("wamid.1");

        assertThat(registry.get(BoundaryInstrumentation.CLOUD_API).tag("channel", "100")
                .tag("outcome", "accepted").timer().count()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsMakeTheChannelFailing() {
        OutboundChannel channel = instrument(new FakeChannel(
                new SendFailedException(FailureKind.CHANNEL_AUTH, 190, "token expired", null)), OutboundChannel.class);

        assertThatThrownBy(() -> channel.send(message())).isInstanceOf(SendFailedException.class);

        assertThat(registry.get(BoundaryInstrumentation.CLOUD_API).tag("outcome", "channel_auth")
                .tag("error_code", "190").timer().count()).isEqualTo(1);
        assertThat(channelStates.channelStates()).singleElement()
                .satisfies(state -> assertThat(state.condition()).isEqualTo(Condition.FAILING));
    }

    @Test
    void recordsTheWaitsTheTokenBucketAsksFor() {
        Coordination coordination = instrument(new FakeCoordination(Optional.of(Duration.ofMillis(40))),
                Coordination.class);

        assertThat(coordination.tryTakeChannelToken("100", 80)).contains(Duration.ofMillis(40));

        assertThat(registry.get(BoundaryInstrumentation.RATE_LIMIT_WAITS).tag("channel", "100").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void timesTheLeadLockAndStillRunsTheAction() {
        Coordination coordination = instrument(new FakeCoordination(Optional.empty()), Coordination.class);

        assertThat(coordination.withLeadLock("lead-1", Duration.ofSeconds(1), () -> "done")).contains("done");

        assertThat(registry.get(BoundaryInstrumentation.LEAD_LOCK_WAITS).tag("outcome", "acquired").timer().count())
                .isEqualTo(1);
    }

    private <T> T instrument(T bean, Class<T> type) {
        return type.cast(instrumentation.postProcessAfterInitialization(bean, "bean"));
    }

    private static OutboundMessage message() {
        return new OutboundMessage("100", "+5511999990000", "leadflow_welcome", "pt_BR", List.of(), List.of(), "key");
    }

    private record FakeChannel(SendFailedException failure) implements OutboundChannel {

        @Override
        public String defaultChannelId() {
            return "100";
        }

        @Override
        public ChannelReceipt send(OutboundMessage message) {
            if (failure != null) {
                throw failure;
            }
            return new ChannelReceipt("wamid.1", "accepted");
        }
    }

    private record FakeCoordination(Optional<Duration> tokenWait) implements Coordination {

        @Override
        public <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action) {
            return Optional.ofNullable(action.get());
        }

        @Override
        public Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond) {
            return tokenWait;
        }

        @Override
        public String backend() {
            return "fake";
        }
    }
}
