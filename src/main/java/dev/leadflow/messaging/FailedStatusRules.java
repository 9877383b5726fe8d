package dev.leadflow.messaging;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A message Meta accepted may fail later, reported by a status webhook. Its error code teaches the same
 * lessons as a refusal at send time ({@link FailureLessons}). The step that sent it is over; the next
 * sends obey what was learnt.
 */
@Component
class FailedStatusRules {

    private final OutboundChannel channel;
    private final FailureLessons lessons;
    private final Clock clock;

    FailedStatusRules(OutboundChannel channel, FailureLessons lessons, Clock clock) {
        this.channel = channel;
        this.lessons = lessons;
        this.clock = clock;
    }

    @EventListener
    void onStatusChanged(MessageStatusChanged event) {
        StatusReport report = event.report();
        if (report.status() != AttemptStatus.FAILED || report.errorCode() == null) {
            return;
        }
        MessageAttempt attempt = event.attempt();
        int code = report.errorCode();
        lessons.learn(new FailureLessons.Refusal(channel.classify(code), code, "(" + code + ") " + report.errorDetail(),
                attempt.leadId(), attempt.recipient(), attempt.templateName(), attempt.channelId(),
                attempt.channelId()), clock.instant());
    }
}
