package dev.leadflow.flow;

import java.util.Optional;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The engine's job executor: Camunda Spring Boot's own, with an acquisition that waits for room in its thread
 * pool ({@link RoomAwareJobExecutor}). Defining it replaces the starter's, so it takes the settings of
 * {@code camunda.bpm.job-execution} the way the starter does. ADR 0017.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class JobExecutorConfiguration {

    @Bean
    JobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor threads, CamundaBpmProperties properties,
                            MeterRegistry registry) {
        if (!(threads instanceof ThreadPoolTaskExecutor pool)) {
            throw new IllegalStateException("camundaTaskExecutor must be a ThreadPoolTaskExecutor, is "
                    + threads.getClass().getName());
        }
        RoomAwareJobExecutor executor = new RoomAwareJobExecutor(pool, registry);
        JobExecutionProperty settings = properties.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        return executor;
    }
}
