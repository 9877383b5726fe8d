package dev.leadflow.whatsapp;

import static dev.leadflow.support.WebhookFixtures.button;
import static dev.leadflow.support.WebhookFixtures.entries;
import static dev.leadflow.support.WebhookFixtures.interactive;
import static dev.leadflow.support.WebhookFixtures.messagesChange;
import static dev.leadflow.support.WebhookFixtures.newWamid;
import static dev.leadflow.support.WebhookFixtures.payload;
import static dev.leadflow.support.WebhookFixtures.replyingTo;
import static dev.leadflow.support.WebhookFixtures.text;
import static dev.leadflow.support.WebhookFixtures.userPreference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import dev.leadflow.flow.FlowMessages;
import dev.leadflow.flow.FlowVariables;
import dev.leadflow.flow.FollowUpFlow;
import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.support.TestLeads;
import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineService;

/** Inbound messages posted as Meta's webhooks reach the lead's flows once, in any order and number. */
class InboundRepliesTest extends WebhookTestSupport {

    private static final String MEETING_PROBE = "testMeetingReplies";

    @Autowired
    private RecipientDirectory recipients;
    @Autowired
    private TimelineService timeline;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void aLeadsYesStopsItsFollowUps() {
        String welcomeWamid = leadWithWelcomeSent(leadId, phone);
        ProcessInstance welcome = welcomeOf(leadId);
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(replyingTo(text(wamid, phone, TEST_START.plusSeconds(30), "yes"),
                welcomeWamid)))), wamid);

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_DONE);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUpFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult().getEndActivityId())
                .isEqualTo(FollowUpFlow.END_REPLIED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isZero();
        engine.timePasses(leadId, Duration.ofDays(10));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void aReplyOpensTheWindowAndIsInTheTimelineLinkedToTheMessageItAnswers() {
        String welcomeWamid = leadWithWelcomeSent(leadId, phone);
        String wamid = newWamid();
        Instant sentAt = TEST_START.plusSeconds(90);

        deliver(payload(messagesChange(List.of(replyingTo(text(wamid, phone, sentAt, "Quero saber mais"),
                welcomeWamid)))), wamid);

        assertThat(recipients.find(leadId).orElseThrow().lastInboundAt()).isEqualTo(sentAt);
        assertThat(timeline.timeline(leadId)).filteredOn(e -> e.kind() == TimelineEntry.Kind.REPLY_RECEIVED)
                .singleElement().satisfies(reply -> {
                    assertThat(reply.at()).isEqualTo(sentAt);
                    assertThat(reply.detail()).isEqualTo("Quero saber mais, replied to leadflow_welcome");
                    assertThat(reply.flow()).isEqualTo(WelcomeFlow.PROCESS_KEY);
                });
        assertThat(jdbc.sql("select context_wamid from inbound_message where wamid = ?").param(wamid)
                .query(String.class).single()).isEqualTo(welcomeWamid);
    }

    @Test
    void theSameMessageDeliveredThreeTimesHasOneEffect() {
        leadWithWelcomeSent(leadId, phone);
        String wamid = newWamid();
        String body = payload(messagesChange(List.of(text(wamid, phone, TEST_START.plusSeconds(30), "oi"))));

        for (int i = 0; i < 3; i++) {
            assertThat(postSigned(body).getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        await().atMost(PATIENCE).until(() -> outcomes(wamid).size() == 3
                && outcomes(wamid).stream().allMatch("PROCESSED"::equals));
        assertThat(jdbc.sql("select count(*) from inbound_message where wamid = ?").param(wamid)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(historicFollowUpId())
                .variableName(FlowVariables.LAST_REPLY).count()).isEqualTo(1);
        // the audit history level keeps a detail only for a value overwritten: a second effect would leave one
        assertThat(history.createHistoricDetailQuery().variableUpdates()
                .processInstanceId(historicFollowUpId()).list())
                .filteredOn(detail -> FlowVariables.LAST_REPLY.equals(
                        ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName()))
                .isEmpty();
    }

    @Test
    void aMessageFromANumberOfNoLeadIsRecordedNotLost() {
        String stranger = TestLeads.newPhone();
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(text(wamid, stranger, TEST_START, "who is this?")))), wamid);

        assertThat(outcomes(wamid)).containsExactly("PROCESSED");
        assertThat(jdbc.sql("select lead_id, from_wa_id, body from inbound_message where wamid = ?").param(wamid)
                .query().singleRow())
                .containsEntry("LEAD_ID", null)
                .containsEntry("FROM_WA_ID", stranger.substring(1))
                .containsEntry("BODY", "who is this?");
    }

    @Test
    void aBrazilianNumberReportedWithoutItsNinthDigitFindsTheLead() {
        String mobile = "+55119" + "8" + String.format("%07d", (int) (Math.random() * 10_000_000));
        leadWithWelcomeSent(leadId, mobile);
        String legacyWaId = mobile.substring(1, 5) + mobile.substring(6);
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(text(wamid, "+" + legacyWaId, TEST_START.plusSeconds(5), "sim")))),
                wamid);

        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void aConfirmTapReachesItsMeetingsFlowAndCountsAsAReply() {
        String welcomeWamid = leadWithWelcomeSent(leadId, phone);
        ProcessInstance meeting = startMeetingProbe("mtg-" + leadId);
        ProcessInstance otherMeeting = startMeetingProbe("mtg-other-" + leadId);
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(button(wamid, phone, TEST_START.plusSeconds(20),
                "CONFIRM:mtg-" + leadId, "Confirm", welcomeWamid)))), wamid);

        assertThat(meeting).isEnded().hasPassed("EndConfirmed");
        assertThat(otherMeeting).isWaitingAt("MeetingReply");
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(timeline.timeline(leadId)).filteredOn(e -> e.kind() == TimelineEntry.Kind.REPLY_RECEIVED)
                .extracting(TimelineEntry::detail)
                .containsExactly("tapped \"Confirm\" (CONFIRM:mtg-" + leadId + "), replied to leadflow_welcome");
    }

    @Test
    void anInteractiveRescheduleReplyReachesItsMeetingsFlow() {
        leadWithWelcomeSent(leadId, phone);
        ProcessInstance meeting = startMeetingProbe("mtg-" + leadId);
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(interactive(wamid, phone, TEST_START.plusSeconds(20),
                "RESCHEDULE:mtg-" + leadId, "Reschedule")))), wamid);

        assertThat(meeting).isEnded().hasPassed("EndRescheduleAsked");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isZero();
    }

    @Test
    void anOptOutWordOptsTheLeadOutAndEndsItsFlows() {
        leadWithWelcomeSent(leadId, phone);
        ProcessInstance welcome = welcomeOf(leadId);
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(text(wamid, phone, TEST_START.plusSeconds(30), "  Parar! ")))), wamid);

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_OPTED_OUT).hasNotPassed(WelcomeFlow.END_DONE);
        assertThat(recipients.find(leadId).orElseThrow().consented()).isFalse();
        assertThat(timeline.timeline(leadId)).filteredOn(e -> e.kind() == TimelineEntry.Kind.REPLY_RECEIVED)
                .extracting(TimelineEntry::detail)
                .containsExactly("Parar!: opt-out word, consent withdrawn");
        engine.timePasses(leadId, Duration.ofDays(5));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void aMessageThatMerelyContainsAnOptOutWordIsAReply() {
        leadWithWelcomeSent(leadId, phone);
        String wamid = newWamid();

        deliver(payload(messagesChange(List.of(text(wamid, phone, TEST_START.plusSeconds(30),
                "Please don't stop, tell me more")))), wamid);

        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(recipients.find(leadId).orElseThrow().consented()).isTrue();
    }

    @Test
    void marketingPreferencesAreRecordedNewestFirstWhateverTheArrivalOrder() {
        leadWithWelcomeSent(leadId, phone);
        String stop = payload(userPreference(phone, "stop", TEST_START.plusSeconds(10)));
        String resume = payload(userPreference(phone, "resume", TEST_START.plusSeconds(20)));
        String marker = "\"wa_id\":\"" + phone.substring(1) + "\"";

        deliver(resume, marker);
        assertThat(recipients.find(leadId).orElseThrow().marketingStopped()).isFalse();
        assertThat(postSigned(stop).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(PATIENCE).until(() -> outcomes(marker).size() == 2 && !outcomes(marker).contains(null));
        assertThat(recipients.find(leadId).orElseThrow().marketingStopped()).isFalse();

        deliver(payload(userPreference(phone, "stop", TEST_START.plusSeconds(30))), marker);
        await().atMost(PATIENCE).until(() -> recipients.find(leadId).orElseThrow().marketingStopped());
        assertThat(outcomes(marker)).containsOnly("PROCESSED");
    }

    @Test
    void manyRepliesOfOneLeadAtOnceAreAllRecordedAndEndTheFlowOnce() throws Exception {
        leadWithWelcomeSent(leadId, phone);
        List<String> wamids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String wamid = newWamid();
            wamids.add(wamid);
            bodies.add(payload(messagesChange(List.of(text(wamid, phone, TEST_START.plusSeconds(i), "msg " + i)))));
        }

        ExecutorService meta = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpStatus>> answers = new ArrayList<>();
            bodies.forEach(body -> answers.add(meta.submit(() -> HttpStatus.valueOf(
                    postSigned(body).getStatusCode().value()))));
            for (Future<HttpStatus> answer : answers) {
                assertThat(answer.get()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            meta.shutdownNow();
        }

        for (String wamid : wamids) {
            assertThat(awaitOutcome(wamid)).isEqualTo("PROCESSED");
        }
        assertThat(jdbc.sql("select count(*) from inbound_message where lead_id = ?").param(leadId)
                .query(Long.class).single()).isEqualTo(12);
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void aBatchOfEntriesAndChangesReachesEveryLead() {
        String otherLead = TestLeads.newLeadId();
        String otherPhone = TestLeads.newPhone();
        leadWithWelcomeSent(leadId, phone);
        leadWithWelcomeSent(otherLead, otherPhone);
        String first = newWamid();
        String second = newWamid();
        String third = newWamid();

        deliver(entries(List.of(
                List.of(messagesChange(List.of(text(first, phone, TEST_START.plusSeconds(1), "a"),
                        text(second, otherPhone, TEST_START.plusSeconds(2), "b")))),
                List.of(userPreference(phone, "stop", TEST_START.plusSeconds(3)),
                        messagesChange(List.of(text(third, phone, TEST_START.plusSeconds(4), "c")))))), first);

        assertThat(outcomes(first)).containsExactly("PROCESSED");
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(welcomeEnd(otherLead)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(jdbc.sql("select count(*) from inbound_message where wamid in (?, ?, ?)")
                .params(first, second, third).query(Long.class).single()).isEqualTo(3);
        assertThat(recipients.find(leadId).orElseThrow().marketingStopped()).isTrue();
        assertThat(recipients.find(otherLead).orElseThrow().marketingStopped()).isFalse();
    }

    @Test
    void aTapOnTheSandboxPageArrivesAsASignedWebhookAndReachesTheMeeting() {
        String welcomeWamid = leadWithWelcomeSent(leadId, phone);
        ProcessInstance meeting = startMeetingProbe("mtg-" + leadId);

        assertThat(api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"Confirm","payload":"CONFIRM:mtg-%s","contextWamid":"%s"}"""
                .formatted(phone, leadId, welcomeWamid)), String.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // bpm-assert finds its engine per thread: poll in the test's thread
        await().atMost(PATIENCE).pollInSameThread()
                .untilAsserted(() -> assertThat(meeting).isEnded().hasPassed("EndConfirmed"));
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(jdbc.sql("select type, payload, context_wamid from inbound_message where lead_id = ?")
                .param(leadId).query().singleRow())
                .containsEntry("TYPE", "button")
                .containsEntry("PAYLOAD", "CONFIRM:mtg-" + leadId)
                .containsEntry("CONTEXT_WAMID", welcomeWamid);
    }

    @Test
    void anInteractiveTapOnTheSandboxPageArrivesAsAnInteractiveReply() {
        leadWithWelcomeSent(leadId, phone);
        ProcessInstance meeting = startMeetingProbe("mtg-" + leadId);

        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"Reschedule","payload":"RESCHEDULE:mtg-%s","interactive":true}"""
                .formatted(phone, leadId)), String.class);

        await().atMost(PATIENCE).pollInSameThread()
                .untilAsserted(() -> assertThat(meeting).isEnded().hasPassed("EndRescheduleAsked"));
        assertThat(jdbc.sql("select type, body from inbound_message where lead_id = ?").param(leadId)
                .query().singleRow()).containsEntry("TYPE", "interactive").containsEntry("BODY", "Reschedule");
    }

    private ProcessInstance startMeetingProbe(String meetingId) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(MEETING_PROBE)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .eventBasedGateway().id("MeetingReply")
                .intermediateCatchEvent("Confirmed").message(FlowMessages.LEAD_CONFIRMED_MEETING)
                .endEvent("EndConfirmed")
                .moveToLastGateway()
                .intermediateCatchEvent("RescheduleAsked").message(FlowMessages.LEAD_ASKED_TO_RESCHEDULE)
                .endEvent("EndRescheduleAsked")
                .done();
        processEngine.getRepositoryService().createDeployment().name(MEETING_PROBE).enableDuplicateFiltering(false)
                .addModelInstance(MEETING_PROBE + ".bpmn", model).deploy();
        return runtime.startProcessInstanceByKey(MEETING_PROBE, leadId, Map.of(FlowVariables.MEETING_ID, meetingId));
    }

    /** The flow that waits for the lead's reply beside the welcome. */
    private String historicFollowUpId() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUpFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult().getId();
    }
}
