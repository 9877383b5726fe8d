package dev.leadflow.coordination;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class CoordinationConfiguration {

    @Bean
    @ConditionalOnProperty(name = "leadflow.coordination.backend", havingValue = "redis")
    Coordination redisCoordination(StringRedisTemplate redis, CoordinationProperties properties) {
        return new ResilientCoordination(new RedisCoordination(redis, properties.channelWindow()), properties);
    }

    @Bean
    @ConditionalOnProperty(name = "leadflow.coordination.backend", havingValue = "memory", matchIfMissing = true)
    Coordination inMemoryCoordination(Clock clock) {
        return new InMemoryCoordination(clock);
    }

    @Bean
    CoordinationHealth coordinationHealthIndicator(Coordination coordination) {
        return new CoordinationHealth(coordination);
    }
}
