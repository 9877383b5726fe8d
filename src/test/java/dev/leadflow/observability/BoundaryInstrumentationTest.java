package dev.leadflow.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.ChannelReceipt;
import dev.leadflow.messaging.FailureKind;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.OutboundMessage;
import dev.leadflow.messaging.SendFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The proxies around the channel and the coordination backend measure without changing behaviour. */
class BoundaryInstrumentationTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();
    private final BoundaryInstrumentation instrumentation;

    BoundaryInstrumentationTest() {
        beans.addBean("registry", registry);
        instrumentation = new BoundaryInstrumentation(beans.getBeanProvider(MeterRegistry.class));
    }

    @Test
    void timesCloudApiCallsByOutcome() {
        OutboundChannel cloudApi = mock(OutboundChannel.class);
        when(cloudApi.send(any())).thenReturn(new ChannelReceipt("wamid.1", "accepted"));
        OutboundChannel channel = instrument(cloudApi, OutboundChannel.class);

        assertThat(channel.send(message()).messageId()).isEqualTo("wamid.1");

        assertThat(registry.get(BoundaryInstrumentation.CLOUD_API).tag("channel", "100")
                .tag("outcome", "accepted").timer().count()).isEqualTo(1);
    }

    @Test
    void failuresAreTimedWithTheirKindAndErrorCode() {
        OutboundChannel cloudApi = mock(OutboundChannel.class);
        when(cloudApi.send(any())).thenThrow(new SendFailedException(FailureKind.CHANNEL_AUTH, 190, "token expired",
                null));
        OutboundChannel channel = instrument(cloudApi, OutboundChannel.class);

        assertThatThrownBy(() -> channel.send(message())).isInstanceOf(SendFailedException.class);

        assertThat(registry.get(BoundaryInstrumentation.CLOUD_API).tag("outcome", "channel_auth")
                .tag("error_code", "190").timer().count()).isEqualTo(1);
    }

    @Test
    void recordsTheWaitsTheTokenBucketAsksFor() {
        Coordination backend = mock(Coordination.class);
        when(backend.tryTakeChannelToken("100", 80)).thenReturn(Optional.of(Duration.ofMillis(40)));
        when(backend.tryTakeRecipientToken(eq("100"), any(), any())).thenReturn(Optional.of(Duration.ofSeconds(6)));
        Coordination coordination = instrument(backend, Coordination.class);

        assertThat(coordination.tryTakeChannelToken("100", 80)).contains(Duration.ofMillis(40));
        assertThat(coordination.tryTakeRecipientToken("100", "+5511999990000", Coordination.PairLimit.META_DEFAULT))
                .contains(Duration.ofSeconds(6));

        assertThat(registry.get(BoundaryInstrumentation.RATE_LIMIT_WAITS).tag("channel", "100").tag("limit", "channel")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(registry.get(BoundaryInstrumentation.RATE_LIMIT_WAITS).tag("limit", "recipient")
                .timer().totalTime(TimeUnit.SECONDS)).isEqualTo(6);
    }

    @Test
    void timesTheLeadLockAndStillRunsTheAction() {
        Coordination backend = mock(Coordination.class);
        when(backend.withLeadLock(eq("lead-1"), any(), any())).thenAnswer(call -> Optional.ofNullable(
                call.<Supplier<?>>getArgument(2).get()));
        Coordination coordination = instrument(backend, Coordination.class);

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
}
