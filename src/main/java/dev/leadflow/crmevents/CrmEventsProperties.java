package dev.leadflow.crmevents;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outbound event feed (docs/crm-events.md).
 *
 * @param pollInterval   how often a node looks for due deliveries
 * @param batchSize      deliveries claimed per look
 * @param senders        threads that deliver; a slow receiver holds one of them at most for the timeouts
 * @param connectTimeout to a subscriber's URL
 * @param readTimeout    for a subscriber's answer
 * @param claimLease     how long a claimed delivery stays with its node before another may take it (a
 *                       node that died); longer than the timeouts together
 * @param firstRetry     the wait after a first failure; each further failure doubles it
 * @param maxRetryWait   the longest wait between two attempts
 * @param giveUpAfter    a delivery still failing this long after its event is given up (replayable)
 * @param retention      events older than this leave the pull feed and the outbox
 * @param feedSettle     the pull feed stops before a gap in the sequence younger than this (an event
 *                       possibly still committing); longer than the longest transaction that records one
 */
@ConfigurationProperties(prefix = "leadflow.crm-events")
public record CrmEventsProperties(
        Duration pollInterval,
        int batchSize,
        int senders,
        Duration connectTimeout,
        Duration readTimeout,
        Duration claimLease,
        Duration firstRetry,
        Duration maxRetryWait,
        Duration giveUpAfter,
        Duration retention,
        Duration feedSettle) {

    public CrmEventsProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize <= 0 ? 100 : batchSize;
        senders = senders <= 0 ? 4 : senders;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        claimLease = claimLease == null ? Duration.ofMinutes(2) : claimLease;
        firstRetry = firstRetry == null ? Duration.ofSeconds(10) : firstRetry;
        maxRetryWait = maxRetryWait == null ? Duration.ofMinutes(10) : maxRetryWait;
        giveUpAfter = giveUpAfter == null ? Duration.ofDays(3) : giveUpAfter;
        retention = retention == null ? Duration.ofDays(30) : retention;
        feedSettle = feedSettle == null ? Duration.ofSeconds(10) : feedSettle;
    }

    /** The wait after the {@code failures}-th failure in a row: doubling from the first, capped. */
    Duration retryWait(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetryWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
    }
}
