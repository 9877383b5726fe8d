package dev.leadflow.coordination;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * {@code coordination} in /actuator/health: UP on Redis or on the single-node default, DEGRADED while a
 * cluster node runs on its fallback (still serving, more slowly).
 */
class CoordinationHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis is away: sends coordinated per node, slower");

    private final Coordination coordination;

    CoordinationHealth(Coordination coordination) {
        this.coordination = coordination;
    }

    @Override
    public Health health() {
        coordination.ping();
        // the bean may be wrapped (metrics): look at what it wraps
        Object target = AopProxyUtils.getSingletonTarget(coordination);
        if ((target != null ? target : coordination) instanceof ResilientCoordination resilient
                && resilient.redisDownSince() != null) {
            return Health.status(DEGRADED)
                    .withDetail("backend", resilient.backend())
                    .withDetail("redisDownSince", resilient.redisDownSince().toString())
                    .withDetail("lastError", String.valueOf(resilient.lastError()))
                    .build();
        }
        return Health.up().withDetail("backend", coordination.backend()).build();
    }
}
