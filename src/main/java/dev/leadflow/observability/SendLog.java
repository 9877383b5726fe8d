package dev.leadflow.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.PermanentSendFailureException;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendObserver;
import dev.leadflow.messaging.SendOutcome;

/**
 * One log line per send decision; the lead id is in the MDC (the send runs in a Camunda job), the phone
 * number never appears.
 */
@Component
class SendLog implements SendObserver {

    private static final Logger log = LoggerFactory.getLogger(SendLog.class);

    @Override
    public void decided(SendCommand command, SendOutcome outcome) {
        log.info("Send {}/{} ({}): {}", command.flow(), command.step(), command.templateKey(), outcome.summary());
    }

    @Override
    public void refused(SendCommand command, RuntimeException failure) {
        if (failure instanceof PermanentSendFailureException) {
            log.warn("Send {}/{} ({}) failed for good: {}", command.flow(), command.step(), command.templateKey(),
                    failure.getMessage());
        } else {
            log.info("Send {}/{} ({}) not now: {}", command.flow(), command.step(), command.templateKey(),
                    failure.getMessage());
        }
    }
}
