package dev.leadflow.flow;

import java.util.function.IntSupplier;

import org.camunda.bpm.engine.impl.jobexecutor.BackoffJobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/**
 * Camunda's acquisition strategy (idle and conflict backoff as configured), except that a busy job executor
 * waits for room in its queue before it queries. Camunda's strategy acquires again as soon as the last
 * acquisition was not wholly refused, so with the queue full it queries once or twice per job for the
 * one or two places freed meanwhile, and each query sorts every due job. Here it asks for jobs only once its
 * queue has room for a batch (half the queue, at most a full acquisition) and, until then, looks at the
 * queue again every {@link #ROOM_POLL_MILLIS} without touching the database. The jobs still queued keep
 * the threads busy meanwhile. docs/performance.md, "Job acquisition".
 */
final class AcquisitionWaitsForRoom extends BackoffJobAcquisitionStrategy {

    static final long ROOM_POLL_MILLIS = 10;

    private final IntSupplier queueRoom;
    private final int roomForABatch;
    private boolean waitingForRoom;
    private boolean jobAddedWhileWaiting;

    /**
     * @param queueRoom     how many more jobs the job executor's queue takes now
     * @param queueCapacity how many it takes when empty
     */
    AcquisitionWaitsForRoom(JobExecutor jobExecutor, IntSupplier queueRoom, int queueCapacity) {
        super(jobExecutor);
        this.queueRoom = queueRoom;
        this.roomForABatch = Math.max(1, Math.min(jobExecutor.getMaxJobsPerAcquisition(), queueCapacity / 2));
    }

    @Override
    public int getNumJobsToAcquire(String processEngine) {
        int wanted = super.getNumJobsToAcquire(processEngine);
        int room = queueRoom.getAsInt();
        waitingForRoom = wanted > 0 && room < Math.min(wanted, roomForABatch);
        return waitingForRoom ? 0 : Math.min(wanted, room);
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
