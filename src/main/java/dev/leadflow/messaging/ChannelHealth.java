package dev.leadflow.messaging;

import java.time.Clock;
import java.util.Iterator;
import java.util.Optional;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.SendHolds.Kind;

/**
 * One health indicator per business phone number ({@code /actuator/health/channels/<phone-number-id>}):
 * DOWN while the channel is paused because Meta refused its credentials, with the reason and the next
 * probe; UP otherwise.
 */
@Component("channels")
class ChannelHealth implements CompositeHealthContributor {

    private final ChannelRouter channels;
    private final SendHolds holds;
    private final Clock clock;

    ChannelHealth(ChannelRouter channels, SendHolds holds, Clock clock) {
        this.channels = channels;
        this.holds = holds;
        this.clock = clock;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return channels.all().stream().filter(route -> route.id().equals(name)).findFirst()
                .map(this::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return channels.all().stream()
                .map(route -> NamedContributor.of(route.id(), indicator(route)))
                .iterator();
    }

    private HealthContributor indicator(ChannelRouter.Route route) {
        return (HealthIndicator) () -> {
            Optional<SendHolds.Hold> pause = holds.find(Kind.CHANNEL, route.id());
            Health.Builder health = pause.isPresent() ? Health.down() : Health.up();
            health.withDetail("name", route.name()).withDetail("ratePerSecond", route.ratePerSecond());
            pause.filter(SendHolds.Hold::byOperator).ifPresent(hold -> health
                    .withDetail("paused", "sends wait: " + hold.reason() + "; until an operator resumes it")
                    .withDetail("pausedSince", hold.since().toString()));
            pause.filter(hold -> !hold.byOperator()).ifPresent(hold -> health
                    .withDetail("paused", "sends wait: credentials refused " + hold.reason())
                    .withDetail("pausedSince", hold.since().toString())
                    .withDetail("nextProbe", hold.until().isAfter(clock.instant()) ? hold.until().toString()
                            : "with the next send"));
            return health.build();
        };
    }
}
