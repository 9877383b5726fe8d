package dev.leadflow.flow;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntSupplier;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Spring job executor with an acquisition that waits for room in its thread pool
 * ({@link AcquisitionWaitsForRoom}), and counts its queries: {@code leadflow.jobs.acquisitions} (tagged
 * {@code found}: {@code jobs} or {@code none}, the idle polls) and {@code leadflow.jobs.acquired}, so that how many
 * jobs a query brings is visible.
 */
final class RoomAwareJobExecutor extends SpringJobExecutor {

    private final ThreadPoolTaskExecutor threads;
    private final Counter acquisitionsFindingJobs;
    private final Counter acquisitionsFindingNone;
    private final Counter acquired;

    RoomAwareJobExecutor(ThreadPoolTaskExecutor threads, MeterRegistry registry) {
        this.threads = threads;
        setTaskExecutor(threads);
        setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        acquisitionsFindingJobs = acquisitions("jobs", registry);
        acquisitionsFindingNone = acquisitions("none", registry);
        acquired = Counter.builder("leadflow.jobs.acquired")
                .description("Jobs those queries locked for this node")
                .register(registry);
    }

    private static Counter acquisitions(String found, MeterRegistry registry) {
        return Counter.builder("leadflow.jobs.acquisitions")
                .description("Queries of the job executor for due jobs on this node")
                .tag("found", found)
                .register(registry);
    }

    @Override
    protected void ensureInitialization() {
        super.ensureInitialization();
        acquireJobsRunnable = new Acquisition();
    }

    /** Jobs the pool takes now without refusing one: places left in its queue, threads it may still set to work. */
    private int room() {
        ThreadPoolExecutor pool = threads.getThreadPoolExecutor();
        return pool.getQueue().remainingCapacity() + Math.max(0, pool.getMaximumPoolSize() - pool.getActiveCount());
    }

    private final class Acquisition extends SequentialJobAcquisitionRunnable {

        Acquisition() {
            super(RoomAwareJobExecutor.this);
        }

        @Override
        protected JobAcquisitionStrategy initializeAcquisitionStrategy() {
            IntSupplier room = RoomAwareJobExecutor.this::room;
            int capacity = threads.getQueueCapacity() + threads.getMaxPoolSize();
            return new AcquisitionWaitsForRoom(jobExecutor, room, capacity);
        }

        @Override
        protected AcquiredJobs acquireJobs(JobAcquisitionContext context, JobAcquisitionStrategy strategy,
                                           ProcessEngineImpl engine) {
            AcquiredJobs jobs = super.acquireJobs(context, strategy, engine);
            if (jobs.getNumberOfJobsAttemptedToAcquire() > 0) {
                (jobs.size() > 0 ? acquisitionsFindingJobs : acquisitionsFindingNone).increment();
                acquired.increment(jobs.size());
            }
            return jobs;
        }
    }
}
