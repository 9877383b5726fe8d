package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code meeting.startsAt} reads as the lead reads the time: its timezone, its locale. */
class MeetingTimeParameterTest {

    private static final String STARTS_AT = "2026-03-07T15:00:00Z";

    @Test
    void theMeetingTimeIsShownInTheLeadsTimezoneAndLocale() {
        assertThat(bind(lead("pt-BR", "America/Sao_Paulo"), STARTS_AT)).isEqualTo("7 de mar. de 2026 12:00");
        assertThat(bind(lead("en-US", "America/New_York"), STARTS_AT)).isEqualTo("Mar 7, 2026, 10:00 AM");
    }

    @Test
    void withoutTheLeadsTimezoneTheMeetingsIsUsedThenUtc() {
        assertThat(TemplateParameters.meetingTime(STARTS_AT, lead("pt-BR", null), "Europe/Lisbon"))
                .isEqualTo("7 de mar. de 2026 15:00");
        assertThat(TemplateParameters.meetingTime(Date.from(Instant.parse(STARTS_AT)), lead(null, null), null))
                .isEqualTo("Mar 7, 2026, 3:00 PM");
    }

    private static String bind(Recipient lead, String startsAt) {
        return TemplateParameters.bind("meeting.confirmation", List.of("meeting.startsAt"), lead,
                Map.of("meeting.startsAt", startsAt)).get(0);
    }

    private static Recipient lead(String locale, String timezone) {
        return new Recipient("lead-1", "+5511999990000", "Ana", locale, timezone, true, "maria", Map.of(), null, false,
                false);
    }
}
