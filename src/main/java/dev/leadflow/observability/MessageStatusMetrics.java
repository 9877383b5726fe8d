package dev.leadflow.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageStatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * From the statuses Meta reports: {@code leadflow.message.statuses} (delivered, read, failed... by flow,
 * step, template and error code) and {@code leadflow.webhook.lag}, how long after the status happened
 * Leadflow applied it.
 */
@Component
class MessageStatusMetrics {

    static final String STATUSES = "leadflow.message.statuses";
    static final String WEBHOOK_LAG = "leadflow.webhook.lag";

    private final MeterRegistry registry;
    private final Clock clock;

    MessageStatusMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @EventListener
    void on(MessageStatusChanged changed) {
        MessageAttempt attempt = changed.attempt();
        String status = changed.report().status().name().toLowerCase(Locale.ROOT);
        Integer errorCode = changed.report().errorCode();
        Counter.builder(STATUSES)
                .description("Message statuses reported by the channel that moved a message forward")
                .tag("flow", String.valueOf(attempt.flow()))
                .tag("step", String.valueOf(attempt.step()))
                .tag("template", String.valueOf(attempt.templateKey()))
                .tag("status", status)
                .tag("error_code", errorCode == null ? "none" : errorCode.toString())
                .register(registry)
                .increment();
        if (changed.report().occurredAt() != null) {
            Duration lag = Duration.between(changed.report().occurredAt(), clock.instant());
            Timer.builder(WEBHOOK_LAG)
                    .description("Time from a status happening at Meta to Leadflow applying it")
                    .tag("status", status)
                    .register(registry)
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }
}
