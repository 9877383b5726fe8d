package dev.leadflow.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.DrillReport;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * The Cloud API fails for a while: service unavailable, throughput storms (130429), answers lost after
 * acceptance. Retries back off on the retry cycle, incidents appear only once the retry budget is spent,
 * every message goes out once after recovery, and none twice.
 */
class CloudApiOutageDrillTest extends LeadflowIntegrationTest {

    private static final int LEADS = 30;

    @Test
    void anOutageOfMixedFaultsEndsWithEveryWelcomeSentExactlyOnceAndNoIncident() {
        List<String> leads = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String leadId = TestLeads.newLeadId();
            String phone = TestLeads.newPhone();
            leads.add(leadId);
            phones.add(phone);
            assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        cloudApi.failNextSends(131016, 20);
        cloudApi.failNextSends(130429, 15);
        cloudApi.timeOutNextSend();
        cloudApi.timeOutNextSend();

        runDueJobsOf(leads);
        assertThat(phones.stream().mapToInt(phone -> cloudApi.received(phone).size()).sum()).isZero();
        assertThat(failedJobsOf(leads)).hasSize(LEADS);
        assertThat(incidentsOf(leads)).isEmpty();

        // the first retry comes after a minute, not at once: the fault is not hammered
        engine.timePasses(leads.get(0), Duration.ofSeconds(59));
        assertThat(cloudApi.requests(phones.get(0))).isEqualTo(1);

        for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))) {
            Engine.advance(step);
            runDueJobsOf(leads);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> phones.stream().allMatch(p -> !cloudApi.received(p).isEmpty()));
        // the two answers lost after acceptance are reconciled by their status webhooks, not sent again
        Engine.advance(Duration.ofMinutes(15));
        runDueJobsOf(leads);

        long requests = phones.stream().mapToLong(cloudApi::requests).sum();
        long sent = phones.stream().mapToLong(phone -> cloudApi.received(phone).size()).sum();
        new DrillReport("cloud-api-outage")
                .put("faultsInjected", "20 x 131016, 15 x 130429, 2 answers lost after acceptance")
                .put("requestsMade", requests)
                .put("messagesExpected", LEADS)
                .put("messagesSent", sent)
                .put("duplicated", phones.stream().filter(phone -> cloudApi.received(phone).size() > 1).count())
                .put("lost", phones.stream().filter(phone -> cloudApi.received(phone).isEmpty()).count())
                .put("incidents", incidentsOf(leads).size())
                .put("recovery", "engine time: retries after 1, 5 and 15 minutes")
                .write();
        assertThat(phones).allSatisfy(phone -> assertThat(cloudApi.received(phone)).hasSize(1));
        assertThat(failedJobsOf(leads)).isEmpty();
        assertThat(incidentsOf(leads)).isEmpty();
    }

    @Test
    void anOutageLongerThanTheRetryBudgetRaisesOneIncidentThatAnOperatorRetriesAfterRecovery() {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 100);

        engine.runDueJobs(leadId);
        for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofHours(1))) {
            assertThat(incidentsOf(List.of(leadId))).as("no incident before the budget is spent").isEmpty();
            engine.timePasses(leadId, step);
        }
        engine.timePasses(leadId, Duration.ofHours(4));
        engine.timePasses(leadId, Duration.ofHours(8));

        assertThat(incidentsOf(List.of(leadId))).hasSize(1);
        long attempts = cloudApi.requests(phone);
        assertThat(attempts).isEqualTo(6);
        engine.timePasses(leadId, Duration.ofDays(1));
        assertThat(cloudApi.requests(phone)).as("an incident stops the retries").isEqualTo(attempts);

        cloudApi.recover();
        Job failed = failedJobsOf(List.of(leadId)).get(0);
        management.setJobRetries(failed.getId(), 1);
        engine.runDueJobs(leadId);
        // by now it is night for the lead: the retried welcome waits for 09:00 in Sao Paulo
        engine.timePasses(leadId, Duration.ofHours(8));

        assertThat(cloudApi.received(phone)).hasSize(1);
        assertThat(incidentsOf(List.of(leadId))).isEmpty();
    }

    private void runDueJobsOf(List<String> leads) {
        leads.forEach(engine::runDueJobs);
    }

    private List<Job> failedJobsOf(List<String> leads) {
        List<Job> failed = new ArrayList<>();
        for (String lead : leads) {
            engine.jobsOf(lead).stream().filter(job -> job.getExceptionMessage() != null).forEach(failed::add);
        }
        return failed;
    }

    private List<Incident> incidentsOf(List<String> leads) {
        List<Incident> incidents = new ArrayList<>();
        for (String lead : leads) {
            engine.instancesOf(lead).forEach(instance ->
                    incidents.addAll(runtime.createIncidentQuery().processInstanceId(instance.getId()).list()));
        }
        return incidents;
    }

    /** Engine time moves for every lead of the drill at once. */
    private static final class Engine {
        static void advance(Duration step) {
            dev.leadflow.support.Engine.setNow(dev.leadflow.support.Engine.now().plus(step));
        }
    }
}
