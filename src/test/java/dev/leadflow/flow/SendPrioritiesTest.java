package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** A booking confirmation due now is taken before a queue of welcomes created before it. */
class SendPrioritiesTest extends LeadflowIntegrationTest {

    private static final int QUEUED_WELCOMES = 15;

    @Test
    void aBookingConfirmationIsAcquiredBeforeTheMarketingSendsQueuedAheadOfIt() {
        Set<String> welcomeJobs = new HashSet<>();
        for (int i = 0; i < QUEUED_WELCOMES; i++) {
            String leadId = TestLeads.newLeadId();
            assertThat(putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true)).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            engine.dueJobs(leadId).forEach(job -> welcomeJobs.add(job.getId()));
        }
        String booked = TestLeads.newLeadId();
        assertThat(putLead(booked, TestLeads.leadJson(TestLeads.newPhone(), false)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(postEvent(booked, """
                {"eventId":"%s-in","type":"OPTED_IN"}""".formatted(booked)).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(postEvent(booked, """
                {"eventId":"%s-booked","type":"MEETING_BOOKED","meeting":{"id":"%s-m","startsAt":"%s",
                 "timezone":"America/Sao_Paulo"}}""".formatted(booked, booked, TEST_START.plus(Duration.ofDays(2))))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Job confirmation = engine.dueJobs(booked).get(0);

        assertThat(welcomeJobs).hasSize(QUEUED_WELCOMES);
        assertThat(confirmation.getPriority()).isEqualTo(SendPriorities.UTILITY);
        assertThat(management.createJobQuery().jobId(welcomeJobs.iterator().next()).singleResult().getPriority())
                .isEqualTo(SendPriorities.MARKETING);
        List<String> acquired = acquireUntil(confirmation.getId());
        assertThat(acquired).contains(confirmation.getId());
        assertThat(acquired.subList(0, acquired.indexOf(confirmation.getId()))).doesNotContainAnyElementsOf(welcomeJobs);
    }

    /**
     * The job executor's own acquisition, one job at a time (within a batch the engine groups jobs by flow
     * instance, so only one-job batches keep the acquisition order); the jobs are released afterwards.
     */
    private List<String> acquireUntil(String jobId) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        CommandExecutor commands = configuration.getCommandExecutorTxRequired();
        List<String> acquired = new ArrayList<>();
        try {
            for (int round = 0; round < 300 && !acquired.contains(jobId); round++) {
                AcquiredJobs batch = commands.execute(new AcquireJobsCmd(configuration.getJobExecutor(), 1));
                if (batch.size() == 0) {
                    break;
                }
                batch.getJobIdBatches().forEach(acquired::addAll);
            }
        } finally {
            commands.execute(context -> {
                acquired.forEach(id -> {
                    JobEntity job = context.getJobManager().findJobById(id);
                    if (job != null) {
                        job.setLockOwner(null);
                        job.setLockExpirationTime(null);
                    }
                });
                return null;
            });
        }
        return acquired;
    }
}
