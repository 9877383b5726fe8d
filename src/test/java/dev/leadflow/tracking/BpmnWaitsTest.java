package dev.leadflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

import dev.leadflow.tracking.FlowProgress.Awaited;
import dev.leadflow.tracking.FlowProgress.AwaitedType;

/** What a step waits for, read from any diagram. */
class BpmnWaitsTest {

    private static final BpmnModelInstance MODEL = Bpmn.createExecutableProcess("probe")
            .camundaHistoryTimeToLive(1)
            .startEvent("Start")
            .eventBasedGateway().id("ReplyOrTimeout").name("Reply within a day?")
            .intermediateCatchEvent("Replied").name("Lead replied").message("LeadReplied")
            .endEvent("EndReplied")
            .moveToNode("ReplyOrTimeout")
            .intermediateCatchEvent("OneDay").name("One day").timerWithDuration("P1D")
            .receiveTask("WaitForConfirmation").name("Wait for confirmation").message("LeadConfirmedMeeting")
            .boundaryEvent("TwoHours").name("Two hours").timerWithDuration("PT2H")
            .endEvent("EndTimedOut")
            .moveToActivity("WaitForConfirmation")
            .userTask("Review").name("Review it").camundaCandidateGroups("ops")
            .endEvent("EndReviewed")
            .done();

    static {
        MODEL.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next()
                .builder().eventSubProcess("OptOut").startEvent("OptedOut").name("Lead opted out")
                .message("LeadOptedOut").endEvent("EndOptedOut");
    }

    @Test
    void anEventBasedGatewayWaitsForEveryEventAfterIt() {
        assertThat(BpmnWaits.of(MODEL, "ReplyOrTimeout"))
                .extracting(Awaited::type, Awaited::name, Awaited::stepId, Awaited::step)
                .containsExactlyInAnyOrder(
                        tuple(AwaitedType.MESSAGE, "LeadReplied", "Replied", "Lead replied"),
                        tuple(AwaitedType.TIMER, null, "OneDay", "One day"));
    }

    @Test
    void aReceiveTaskWaitsForItsMessageAndItsBoundaryTimer() {
        assertThat(BpmnWaits.of(MODEL, "WaitForConfirmation"))
                .extracting(Awaited::type, Awaited::name, Awaited::stepId)
                .containsExactly(
                        tuple(AwaitedType.MESSAGE, "LeadConfirmedMeeting", "WaitForConfirmation"),
                        tuple(AwaitedType.TIMER, null, "TwoHours"));
    }

    @Test
    void aUserTaskWaitsForAPerson() {
        assertThat(BpmnWaits.of(MODEL, "Review"))
                .extracting(Awaited::type, Awaited::name, Awaited::step)
                .containsExactly(tuple(AwaitedType.USER_TASK, "candidate groups: ops", "Review it"));
    }

    @Test
    void theProcessListensForItsEventSubProcesses() {
        assertThat(BpmnWaits.ofScope(MODEL, "probe"))
                .extracting(Awaited::type, Awaited::name, Awaited::step)
                .containsExactly(tuple(AwaitedType.MESSAGE, "LeadOptedOut", "Lead opted out"));
    }

    @Test
    void namesFallBackToIds() {
        assertThat(BpmnWaits.nameOf(MODEL, "Review")).isEqualTo("Review it");
        assertThat(BpmnWaits.nameOf(MODEL, "EndReviewed")).isEqualTo("EndReviewed");
        assertThat(BpmnWaits.typeOf(MODEL, "WaitForConfirmation")).isEqualTo("receiveTask");
    }
}
