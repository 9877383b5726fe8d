package dev.leadflow.coordination;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param backend       {@code memory} (one node) or {@code redis} (a cluster)
 * @param expectedNodes while Redis is away each node sends at most 1/expectedNodes of a channel's rate,
 *                      so the cluster stays under Meta's limit without a shared counter
 * @param retryRedisAfter how long a node works on the fallback before it tries Redis again
 * @param channelWindow what a channel's per-second limit is counted over across the cluster: a second plus
 *                      a margin for the time between taking a slot and Meta receiving the request (a ledger
 *                      write and the HTTP call); widen it when nodes are loaded and sends bunch on the way
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.coordination")
public record CoordinationProperties(String backend, Integer expectedNodes, Duration retryRedisAfter,
                                     Duration channelWindow) {

    public CoordinationProperties {
        backend = backend == null ? "memory" : backend;
        expectedNodes = expectedNodes == null || expectedNodes < 1 ? 2 : expectedNodes;
        retryRedisAfter = retryRedisAfter == null ? Duration.ofSeconds(5) : retryRedisAfter;
        channelWindow = channelWindow == null || channelWindow.compareTo(Duration.ofSeconds(1)) < 0
                ? Coordination.CHANNEL_WINDOW : channelWindow;
    }
}
