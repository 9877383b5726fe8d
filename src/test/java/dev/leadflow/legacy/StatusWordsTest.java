package dev.leadflow.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import dev.leadflow.crm.StatusMapping.Vocabulary;
import dev.leadflow.legacy.AutomationMapping.FlowStep;
import dev.leadflow.legacy.StatusWords.MessageStatus;

/** The shipped mapping (application.yml) and the rules of one vocabulary. */
class StatusWordsTest {

    private static final LegacyProperties SHIPPED = shipped();
    private final StatusWords words = new StatusWords(SHIPPED);

    @Test
    void legacyMessageStatusesInAnySpellingMapToOneStatus() {
        for (String sent : List.of("sent", "SENT", "Sent ", " msg_sent", "done", "ok", "OK")) {
            assertThat(words.messageStatus(sent).status()).as(sent).isEqualTo(MessageStatus.SENT);
        }
        assertThat(words.messageStatus("delivered").status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(words.messageStatus("error:131026")).satisfies(failed -> {
            assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.errorCode()).isEqualTo(131026);
        });
        assertThat(words.messageStatus("queued").status().maybeSent()).isFalse();
    }

    @Test
    void anUnknownOrMissingStatusIsReportedAndTakenAsMaybeSent() {
        for (String unknown : List.of("", "   ", "in_flight")) {
            StatusWords.MessageStatusWord word = words.messageStatus(unknown);
            assertThat(word.known()).as(unknown).isFalse();
            assertThat(word.status().maybeSent()).as(unknown).isTrue();
        }
        assertThat(words.messageStatus(null).known()).isFalse();
    }

    @Test
    void legacyAutomationsMapToLeadflowFlowsAndSteps() {
        AutomationMapping automations = new AutomationMapping(SHIPPED);

        assertThat(automations.resolve("Welcome_Msg", null)).contains(new FlowStep("welcome", "welcome"));
        assertThat(automations.resolve(" FOLLOWUP", "2")).contains(new FlowStep("followUp", "follow-up-2"));
        assertThat(automations.resolve("follow_up", "FU3")).contains(new FlowStep("followUp", "follow-up-3"));
        assertThat(automations.resolve("followup", "9")).isEmpty();
        assertThat(automations.resolve("sms_blast", "1")).isEmpty();
    }

    @Test
    void aMisspelledCanonicalStatusStopsTheApplicationAtStart() {
        LegacyProperties wrong = new LegacyProperties(new Vocabulary(Map.of("SENTT", List.of("sent")), null), null,
                null, null, null, null, null);

        assertThatThrownBy(() -> new StatusWords(wrong)).hasMessageContaining("SENTT");
    }

    @Test
    void legacySendTimesInTheirUsualShapes() {
        ZoneId utc = ZoneId.of("UTC");
        Instant at = Instant.parse("2026-03-02T10:15:00Z");

        assertThat(SentAt.parse("2026-03-02T10:15:00Z", utc)).contains(at);
        assertThat(SentAt.parse("2026-03-02 07:15:00-03:00", utc)).contains(at);
        assertThat(SentAt.parse("2026-03-02 10:15:00", utc)).contains(at);
        assertThat(SentAt.parse("02/03/2026 10:15", utc)).contains(at);
        assertThat(SentAt.parse(String.valueOf(at.getEpochSecond()), utc)).contains(at);
        assertThat(SentAt.parse(" ", utc)).isEmpty();
        assertThatThrownBy(() -> SentAt.parse("yesterday", utc)).hasMessageContaining("yesterday");
    }

    private static LegacyProperties shipped() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
            return Binder.get(environment).bind("leadflow.legacy", LegacyProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
