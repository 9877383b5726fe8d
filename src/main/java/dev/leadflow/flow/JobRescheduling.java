package dev.leadflow.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Teaches the engine what a {@link RescheduleJobException} means: the failed job is due again at the
 * deferral's moment, with its retries untouched and no incident. The engine has already written the
 * attempt to the job log (with the deferral's message) when this runs, so history keeps every deferral.
 * Every other failure keeps the engine's own retry handling ({@code failedJobRetryTimeCycle}).
 */
@Component
class JobRescheduling extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobRescheduling.class);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory engineDefault = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, failure) -> RescheduleJobException.in(failure)
                .<Command<Object>>map(deferral -> new RescheduleJobCmd(jobId, deferral))
                .orElseGet(() -> engineDefault.getCommand(jobId, failure)));
        ExecuteJobHelper.ExceptionLoggingHandler engineLogging = ExecuteJobHelper.LOGGING_HANDLER;
        ExecuteJobHelper.LOGGING_HANDLER = (jobId, failure) -> {
            if (RescheduleJobException.in(failure).isPresent()) {
                log.debug("Job {} deferred: {}", jobId, failure.getMessage());
            } else {
                engineLogging.exceptionWhileExecutingJob(jobId, failure);
            }
        };
    }

    /** Makes the job due at the deferral's moment; retries, exception and incidents stay as they were. */
    static final class RescheduleJobCmd extends JobRetryCmd {

        static final Duration MINIMUM_DEFERRAL = Duration.ofSeconds(1);

        private final RescheduleJobException deferral;

        RescheduleJobCmd(String jobId, RescheduleJobException deferral) {
            super(jobId, deferral);
            this.deferral = deferral;
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job == null) {
                return null;
            }
            // a moment already past would make the job due again at once: a deferral must never spin
            Instant earliest = ClockUtil.now().toInstant().plus(MINIMUM_DEFERRAL);
            job.unlock();
            job.setDuedate(Date.from(deferral.until().isBefore(earliest) ? earliest : deferral.until()));
            notifyAcquisition(commandContext);
            return null;
        }
    }
}
