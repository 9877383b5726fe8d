package dev.leadflow.observability;

import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.leadflow.messaging.PermanentSendFailureException;
import dev.leadflow.messaging.RetryLaterException;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendFailedException;
import dev.leadflow.messaging.SendObserver;
import dev.leadflow.messaging.SendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code leadflow.sends} (Prometheus {@code leadflow_sends_total}): every send decision by flow, step,
 * template key, outcome ({@code sent}, {@code already_sent}, {@code skipped}, {@code retry},
 * {@code failed}, ...) and Cloud API error code ({@code none} without one).
 */
@Component
class SendMetrics implements SendObserver {

    static final String SENDS = "leadflow.sends";

    private final MeterRegistry registry;

    SendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void decided(SendCommand command, SendOutcome outcome) {
        count(command, outcome.decision().name().toLowerCase(Locale.ROOT), null);
    }

    @Override
    public void refused(SendCommand command, RuntimeException failure) {
        count(command, outcomeOf(failure), errorCodeOf(failure));
    }

    private void count(SendCommand command, String outcome, Integer errorCode) {
        Counter.builder(SENDS)
                .description("Send decisions of the messaging service")
                .tag("flow", String.valueOf(command.flow()))
                .tag("step", String.valueOf(command.step()))
                .tag("template", String.valueOf(command.templateKey()))
                .tag("outcome", outcome)
                .tag("error_code", errorCode == null ? "none" : errorCode.toString())
                .register(registry)
                .increment();
    }

    /** Known refusals by name; anything a newer rule throws by its class name, e.g. {@code send_deferred}. */
    static String outcomeOf(RuntimeException failure) {
        if (failure instanceof RetryLaterException) {
            return "retry";
        }
        if (failure instanceof PermanentSendFailureException) {
            return "failed";
        }
        String name = failure.getClass().getSimpleName().replaceFirst("Exception$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    static Integer errorCodeOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermanentSendFailureException permanent && permanent.errorCode() != null) {
                return permanent.errorCode();
            }
            if (cause instanceof SendFailedException sendFailed && sendFailed.errorCode() != null) {
                return sendFailed.errorCode();
            }
        }
        return null;
    }
}
