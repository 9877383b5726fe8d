package dev.leadflow.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives the engine as the job executor would, at a time the test sets: timers fire because their
 * jobs are executed, never because a test slept. Only the given lead's jobs run, so tests sharing one
 * application do not disturb each other.
 */
public final class Engine {

    private final ManagementService management;
    private final RuntimeService runtime;

    public Engine(ManagementService management, RuntimeService runtime) {
        this.management = management;
        this.runtime = runtime;
    }

    public static void setNow(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    public static Instant now() {
        return ClockUtil.now().toInstant();
    }

    /** Moves the engine clock forward and runs whatever of the lead became due. */
    public void timePasses(String leadId, Duration duration) {
        setNow(now().plus(duration));
        runDueJobs(leadId);
    }

    /** Runs the lead's due jobs until none is left; a failing job counts a retry, as with the job executor. */
    public void runDueJobs(String leadId) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = dueJobs(leadId);
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failureRecordedByTheEngine) {
                    // the engine lowered the job's retries and set its next due date
                }
            }
        }
        throw new AssertionError("Jobs of " + leadId + " keep becoming due: a loop in the flow?");
    }

    /** The lead's jobs that the job executor would pick up now. */
    public List<Job> dueJobs(String leadId) {
        Set<String> instances = instancesOf(leadId).stream().map(ProcessInstance::getId).collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return List.of();
        }
        return management.createJobQuery().executable().active().list().stream()
                .filter(job -> instances.contains(job.getProcessInstanceId()))
                .toList();
    }

    /** Every job of the lead, due or not. */
    public List<Job> jobsOf(String leadId) {
        Set<String> instances = instancesOf(leadId).stream().map(ProcessInstance::getId).collect(Collectors.toSet());
        return management.createJobQuery().list().stream()
                .filter(job -> instances.contains(job.getProcessInstanceId()))
                .toList();
    }

    public List<ProcessInstance> instancesOf(String leadId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list();
    }
}
