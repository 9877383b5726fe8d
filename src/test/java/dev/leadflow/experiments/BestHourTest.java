package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.leadflow.messaging.MessagingService;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendOutcome;
import dev.leadflow.messaging.SendOutcome.Decision;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * Best-hour sending of a marketing step, through the send boundary: the message waits for the hour at which
 * the lead (or leads like it) answered most, never outside the allowed hours, and goes at once without
 * enough history. Each test uses a country of its own, so the segments of one never feed another.
 * The engine time is a Wednesday, 15:00 in Lisbon (WET) and 15:00 in Reykjavik.
 */
class BestHourTest extends LeadflowIntegrationTest {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    @Autowired
    private MessagingService messaging;
    @Autowired
    private JdbcTemplate jdbc;

    private String newLead(String phone, String timezone, String source) {
        String leadId = TestLeads.newLeadId();
        String json = """
                {"phone":"%s","name":"Rita","locale":"pt-PT","timezone":"%s","status":"New",
                 "consent":{"whatsapp":true},"owner":"maria","source":"%s"}""".formatted(phone, timezone, source);
        assertThat(putLead(leadId, json).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return leadId;
    }

    private static String portuguesePhone() {
        return "+3519" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A past reply of the lead, weeks ago, at this local time on a Wednesday. */
    private void repliedWeeksAgo(String leadId, String phone, int weeksAgo, String localTimeOnAWednesday,
                                 ZoneId zone) {
        Instant at = LocalDateTime.parse("2026-03-04T" + localTimeOnAWednesday).atZone(zone).toInstant()
                .minus(Duration.ofDays(7L * weeksAgo));
        jdbc.update("insert into inbound_message (wamid, from_wa_id, lead_id, type, body, occurred_at, received_at)"
                        + " values (?, ?, ?, 'text', 'ok', ?, ?)", "wamid.test-" + UUID.randomUUID(),
                phone.substring(1), leadId, Timestamp.from(at), Timestamp.from(at));
    }

    private SendOutcome send(String leadId) {
        return messaging.send(new SendCommand(leadId, "test", "best-hour-step", "test.besthour", null, Map.of()));
    }

    @Test
    void waitsForTheHourAtWhichTheLeadAnswersAndGoesThen() {
        String phone = portuguesePhone();
        String leadId = newLead(phone, "Europe/Lisbon", "ads");
        for (int week = 1; week <= 5; week++) {
            repliedWeeksAgo(leadId, phone, week, "18:20", LISBON);
        }
        repliedWeeksAgo(leadId, phone, 2, "11:05", LISBON);

        SendOutcome outcome = send(leadId);

        Instant wednesday18 = Instant.parse("2026-03-04T18:00:00Z");
        assertThat(outcome.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(outcome.deferredUntil()).isEqualTo(wednesday18);
        assertThat(outcome.reason()).contains("best hour to send: Wednesday 18:00 Europe/Lisbon",
                "this lead answered most (5 of 6 replies)");
        assertThat(cloudApi.requests(phone)).isZero();

        // asked again before then (a retry): the same moment, not a new choice
        Engine.setNow(Instant.parse("2026-03-04T16:00:00Z"));
        assertThat(send(leadId).deferredUntil()).isEqualTo(wednesday18);

        Engine.setNow(wednesday18);
        assertThat(send(leadId).decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_test_besthour");
    }

    @Test
    void neverWaitsForAnHourOutsideTheAllowedHours() {
        String phone = portuguesePhone();
        String leadId = newLead(phone, "Europe/Lisbon", "ads");
        for (int week = 1; week <= 8; week++) {
            repliedWeeksAgo(leadId, phone, week, "22:30", LISBON);
        }
        repliedWeeksAgo(leadId, phone, 3, "17:10", LISBON);

        SendOutcome outcome = send(leadId);

        assertThat(outcome.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(outcome.deferredUntil()).isEqualTo(Instant.parse("2026-03-04T17:00:00Z"));
    }

    @Test
    void aLeadWithoutHistoryFollowsLeadsLikeIt() {
        String source = "segment-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 32; i++) {
            String phone = portuguesePhone();
            String other = newLead(phone, "Europe/Lisbon", source);
            repliedWeeksAgo(other, phone, 1 + i % 4, "16:45", LISBON);
        }
        String phone = portuguesePhone();
        String leadId = newLead(phone, "Europe/Lisbon", source);

        SendOutcome outcome = send(leadId);

        assertThat(outcome.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(outcome.deferredUntil()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));
        assertThat(outcome.reason()).contains("leads like this one (+351, source " + source + ", status New)");
    }

    @Test
    void withoutHistoryAnywhereTheStepsOwnTimeStands() {
        String phone = "+3546" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String leadId = newLead(phone, "Atlantic/Reykjavik", "nowhere-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(send(leadId).decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
    }
}
