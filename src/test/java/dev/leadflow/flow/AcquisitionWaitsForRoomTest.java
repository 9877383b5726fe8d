package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Test;

/** A busy job executor queries for jobs once its thread pool has room for a batch, not for every freed place. */
class AcquisitionWaitsForRoomTest {

    private static final String ENGINE = "default";
    /** 8 threads and a queue of 16, as configured. */
    private static final int CAPACITY = 24;

    private final AtomicInteger room = new AtomicInteger(CAPACITY);
    private final AcquisitionWaitsForRoom strategy = new AcquisitionWaitsForRoom(executor(), room::get, CAPACITY);

    @Test
    void anIdleExecutorAsksForAFullBatchAtOnce() {
        assertThat(strategy.getNumJobsToAcquire(ENGINE)).isEqualTo(8);
        strategy.reconfigure(cycle(8, 8, false));

        assertThat(strategy.getWaitTime()).isZero();
    }

    @Test
    void aFullPoolIsLookedAtAgainShortlyWithoutAQuery() {
        room.set(2);

        assertThat(strategy.getNumJobsToAcquire(ENGINE)).isZero();
        strategy.reconfigure(cycle(0, 0, false));
        assertThat(strategy.getWaitTime()).isEqualTo(AcquisitionWaitsForRoom.ROOM_POLL_MILLIS);
    }

    @Test
    void aPoolWithRoomForAFullBatchAsksForIt() {
        room.set(8);
        assertThat(strategy.getNumJobsToAcquire(ENGINE)).isEqualTo(8);

        room.set(7);
        assertThat(strategy.getNumJobsToAcquire(ENGINE)).isZero();
    }

    @Test
    void aQueryThatFindsFewerJobsThanAskedStillMakesTheExecutorIdle() {
        strategy.getNumJobsToAcquire(ENGINE);
        strategy.reconfigure(cycle(8, 3, false));

        assertThat(strategy.getWaitTime()).isEqualTo(1000);
    }

    @Test
    void aJobAddedWhileWaitingForRoomWakesTheNextQueryFromIdleness() {
        strategy.getNumJobsToAcquire(ENGINE);
        strategy.reconfigure(cycle(8, 3, false));
        room.set(0);
        strategy.getNumJobsToAcquire(ENGINE);
        strategy.reconfigure(cycle(0, 0, true));
        room.set(CAPACITY);

        assertThat(strategy.getNumJobsToAcquire(ENGINE)).isEqualTo(8);
        strategy.reconfigure(cycle(8, 0, false));
        assertThat(strategy.getWaitTime()).isZero();
    }

    @Test
    void aSmallPoolAsksForWhatHalfOfItTakes() {
        AtomicInteger smallRoom = new AtomicInteger(2);
        AcquisitionWaitsForRoom small = new AcquisitionWaitsForRoom(executor(), smallRoom::get, 4);

        assertThat(small.getNumJobsToAcquire(ENGINE)).isEqualTo(2);
        smallRoom.set(1);
        assertThat(small.getNumJobsToAcquire(ENGINE)).isZero();
    }

    private static SpringJobExecutor executor() {
        SpringJobExecutor executor = new SpringJobExecutor();
        executor.setMaxJobsPerAcquisition(8);
        executor.setWaitTimeInMillis(1000);
        executor.setMaxWait(1000);
        return executor;
    }

    private static JobAcquisitionContext cycle(int asked, int found, boolean jobAdded) {
        JobAcquisitionContext context = new JobAcquisitionContext();
        AcquiredJobs jobs = new AcquiredJobs(asked);
        for (int job = 0; job < found; job++) {
            jobs.addJobIdBatch("job-" + job);
        }
        context.submitAcquiredJobs(ENGINE, jobs);
        context.setJobAdded(jobAdded);
        return context;
    }
}
