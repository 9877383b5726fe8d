package dev.leadflow.flow;

import java.util.function.IntSupplier;

import org.camunda.bpm.engine.impl.jobexecutor.BackoffJobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/**
 * Camunda's acquisition strategy (idle and conflict backoff as configured), except that a busy job executor
 * waits for room in its thread pool before it queries. Camunda's strategy acquires again as soon as the last
 * acquisition was not wholly refused, so with the queue full it queries about once per job, for the one or
 * two places freed meanwhile, and each query sorts every due job. Here it asks for jobs only once the pool
 * has room for a batch (a full acquisition, or half the pool's threads and queue if that is less) and, until
 * then, looks again every {@link #ROOM_POLL_MILLIS} without touching the database; the jobs still queued keep
 * the threads busy meanwhile. docs/performance.md, "Job acquisition by the batch".
 */
final class AcquisitionWaitsForRoom extends BackoffJobAcquisitionStrategy {

    static final long ROOM_POLL_MILLIS = 10;

    private final IntSupplier room;
    private final int roomForABatch;
    private boolean waitingForRoom;
    private boolean jobAddedWhileWaiting;

    /**
     * @param room     how many more jobs the job executor's thread pool takes now
     * @param capacity how many it takes when idle: its threads and its queue
     */
    AcquisitionWaitsForRoom(JobExecutor jobExecutor, IntSupplier room, int capacity) {
        super(jobExecutor);
        this.room = room;
        this.roomForABatch = Math.max(1, Math.min(jobExecutor.getMaxJobsPerAcquisition(), capacity / 2));
    }

    @Override
    public int getNumJobsToAcquire(String processEngine) {
        int wanted = super.getNumJobsToAcquire(processEngine);
        int roomNow = room.getAsInt();
        waitingForRoom = wanted > 0 && roomNow < Math.min(wanted, roomForABatch);
        return waitingForRoom ? 0 : Math.min(wanted, roomNow);
    }

    @Override
    public void reconfigure(JobAcquisitionContext context) {
        if (waitingForRoom) {
            // a cycle that did not query says nothing about idleness or conflicts; a job added meanwhile
            // still counts for the next query
            jobAddedWhileWaiting |= context.isJobAdded();
            return;
        }
        if (jobAddedWhileWaiting) {
            context.setJobAdded(true);
            jobAddedWhileWaiting = false;
        }
        super.reconfigure(context);
    }

    @Override
    public long getWaitTime() {
        return waitingForRoom ? ROOM_POLL_MILLIS : super.getWaitTime();
    }
}
