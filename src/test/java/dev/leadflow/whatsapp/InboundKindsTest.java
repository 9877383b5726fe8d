package dev.leadflow.whatsapp;

import static dev.leadflow.support.WebhookFixtures.PHONE_NUMBER_ID;
import static dev.leadflow.support.WebhookFixtures.newWamid;
import static dev.leadflow.support.WebhookFixtures.payload;
import static dev.leadflow.whatsapp.InboundKindFixtures.change;
import static dev.leadflow.whatsapp.InboundKindFixtures.contact;
import static dev.leadflow.whatsapp.InboundKindFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.support.TestLeads;
import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineService;

/**
 * Every inbound kind, shaped as Meta documents it, posted signed: stored, shown with its summary, and a reply only
 * when docs/inbound.md says so.
 */
class InboundKindsTest extends WebhookTestSupport {

    @Autowired
    private TimelineService timeline;
    @Autowired
    private InboundHistory inboundHistory;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void whatIsNotAReplyIsShownButLeavesTheFollowUpsWaiting() {
        String welcomeWamid = leadWithWelcomeSent(leadId, phone);
        Instant at = TEST_START.plusSeconds(60);
        List<Map<String, Object>> notices = new ArrayList<>();
        for (String kind : List.of("reaction_removed", "edit", "revoke", "request_welcome", "user_changed_user_id",
                "future_kind")) {
            notices.add(message(kind, phone, newWamid(), at, welcomeWamid, "BR.99" + kind.length()));
        }
        String marker = (String) notices.get(0).get("id");

        assertThat(postSigned(payload(change(PHONE_NUMBER_ID, List.of(contact(phone, null, null)), notices)))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(awaitOutcome(marker)).isEqualTo("NOT_UNDERSTOOD");
        assertThat(deliveryError(marker)).contains("message kind 'hologram'");

        assertThat(welcomeOf(leadId)).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(notices(leadId)).containsExactlyInAnyOrder(
                "removed a reaction, about leadflow_welcome",
                "edited an earlier message to: Friday at 10, not 11, about leadflow_welcome",
                "deleted an earlier message, about leadflow_welcome",
                "opened the chat for the first time",
                "business-scoped user id changed",
                "a message of kind \"hologram\" Leadflow does not know yet");

        String reply = newWamid();
        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(phone, null, null)),
                List.of(message("image", phone, reply, at.plusSeconds(5), null, null)))), reply);
        assertThat(welcomeOf(leadId)).isNull();
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void eachReplyShowsWhatTheLeadSentAndKeepsTheMediaId() {
        String welcomeWamid = leadWithWelcomeSent(leadId, phone);
        List<String> kinds = List.of("text", "image", "audio", "video", "document", "sticker", "location", "contacts",
                "button_reply", "list_reply", "nfm_reply", "button", "reaction", "order", "unsupported");
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            messages.add(message(kinds.get(i), phone, newWamid(), TEST_START.plusSeconds(60 + i), welcomeWamid, null));
        }
        String last = (String) messages.get(messages.size() - 1).get("id");

        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(phone, null, null)), messages)), last);

        List<String> replies = timeline.timeline(leadId).stream()
                .filter(entry -> entry.kind() == TimelineEntry.Kind.REPLY_RECEIVED).map(TimelineEntry::detail).toList();
        assertThat(replies).containsExactly(
                "Can we move it to Friday?",
                "image: My current setup",
                "voice note",
                "video: The problem",
                "document contract.pdf: Signed",
                "sticker",
                "location: Main office, 1 Hacker Way, Menlo Park, CA 94025",
                "1 contact: Barbara J. Johnson",
                "tapped \"Yes, tell me more\" (yes-interested), replied to leadflow_welcome",
                "tapped \"Tuesday 10:00\" (slot-tue-10), replied to leadflow_welcome",
                "Flow answer: company_size=11-50, budget=5k, replied to leadflow_welcome",
                "tapped \"More info\" (More info), replied to leadflow_welcome",
                "reacted \uD83D\uDC4D, replied to leadflow_welcome",
                "order of 3 items from catalog 194836987003835: Please deliver Friday",
                "a message WhatsApp does not pass on (poll): (131051) Message type is currently not supported.");
        assertThat(inboundHistory.ofLead(leadId)).filteredOn(received -> received.mediaId() != null)
                .extracting(InboundHistory.Received::kind, InboundHistory.Received::mediaId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("IMAGE", "1003383421387256"),
                        org.assertj.core.groups.Tuple.tuple("AUDIO", "1003383421387257"),
                        org.assertj.core.groups.Tuple.tuple("VIDEO", "1003383421387258"),
                        org.assertj.core.groups.Tuple.tuple("DOCUMENT", "1003383421387259"),
                        org.assertj.core.groups.Tuple.tuple("STICKER", "1003383421387260"));
        assertThat(inboundHistory.ofLead(leadId)).extracting(InboundHistory.Received::countedAsReply)
                .containsOnly(true);
    }

    @Test
    void theDocsTableIsTheCodesTable() throws IOException {
        Path doc = Path.of("docs/inbound.md");
        List<String> documented = Files.readAllLines(doc).stream()
                .dropWhile(line -> !line.contains("<!-- inbound-kinds:start"))
                .takeWhile(line -> !line.contains("<!-- inbound-kinds:end"))
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).filter(cell -> !cell.isEmpty())
                        .collect(Collectors.joining(" | ")))
                .toList();
        List<String> coded = Arrays.stream(InboundKind.values())
                .map(kind -> String.join(" | ", "`" + kind.name() + "`", "`" + kind.wire() + "`",
                        kind.countsAsReply() ? "yes" : "no", kind.opensWindow() ? "yes" : "no", kind.timelineShows()))
                .toList();
        assertThat(documented).containsExactlyElementsOf(coded);
    }

    private List<String> notices(String leadId) {
        return timeline.timeline(leadId).stream().filter(entry -> entry.kind() == TimelineEntry.Kind.NOTICE_RECEIVED)
                .map(TimelineEntry::detail).toList();
    }
}
