package dev.leadflow.coordination;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param backend       {@code memory} (one node) or {@code redis} (a cluster)
 * @param expectedNodes while Redis is away each node sends at most 1/expectedNodes of a channel's rate,
 *                      so the cluster stays under Meta's limit without a shared counter
 * @param retryRedisAfter how long a node works on the fallback before it tries Redis again
 */
@ConfigurationProperties(prefix = "leadflow.coordination")
public record CoordinationProperties(String backend, Integer expectedNodes, Duration retryRedisAfter) {

    public CoordinationProperties {
        backend = backend == null ? "memory" : backend;
        expectedNodes = expectedNodes == null || expectedNodes < 1 ? 2 : expectedNodes;
        retryRedisAfter = retryRedisAfter == null ? Duration.ofSeconds(5) : retryRedisAfter;
    }
}
