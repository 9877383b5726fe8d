package dev.leadflow.whatsapp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How stored webhook deliveries are processed (opt-out words are the messaging rules':
 * {@code leadflow.messaging.opt-out-words}).
 *
 * @param workers         threads that process deliveries right after they were stored
 * @param sweepInterval   how often the sweeper looks for deliveries nobody processed (crash, full queue, failure)
 * @param sweepGrace      how long a fresh delivery is left to the workers before the sweeper may take it
 * @param processingLease how long a claimed delivery stays with its worker before another may take it
 * @param maxAttempts     failed processing attempts before a delivery is given up (outcome FAILED)
 * @param retention       how long processed deliveries are kept; not-understood and failed ones stay
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.inbound")
record InboundProperties(
        int workers,
        Duration sweepInterval,
        Duration sweepGrace,
        Duration processingLease,
        int maxAttempts,
        Duration retention) {

    InboundProperties {
        workers = workers <= 0 ? 2 : workers;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(15) : sweepInterval;
        sweepGrace = sweepGrace == null ? Duration.ofSeconds(10) : sweepGrace;
        processingLease = processingLease == null ? Duration.ofMinutes(5) : processingLease;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        retention = retention == null ? Duration.ofDays(30) : retention;
    }
}
