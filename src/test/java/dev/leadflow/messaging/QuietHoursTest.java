package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leadflow.messaging.MarketProperties.Market;

class QuietHoursTest {

    /** Default 09:00-20:00 not on Sundays; US open on Sundays; DE opening at 02:30 to meet a DST gap. */
    private final QuietHours quietHours = new QuietHours(Map.of(
            "default", new Market("UTC", "09:00", "20:00", List.of(DayOfWeek.SUNDAY)),
            "BR", new Market("America/Sao_Paulo", null, null, null),
            "US", new Market("America/New_York", null, null, List.of()),
            "DE", new Market("Europe/Berlin", "02:30", null, List.of())));

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # case,                                        market, lead timezone,      now (UTC),            next allowed (UTC) or - for now
            night in Tokyo waits for 09:00 JST,             BR, Asia/Tokyo,             2026-03-04T15:00:00Z, 2026-03-05T00:00:00Z
            noon in Sao Paulo goes now,                     BR, America/Sao_Paulo,      2026-03-04T15:00:00Z, -
            09:00 sharp is inside,                          BR, America/Sao_Paulo,      2026-03-04T12:00:00Z, -
            20:00 sharp is outside,                         BR, America/Sao_Paulo,      2026-03-04T23:00:00Z, 2026-03-05T12:00:00Z
            Saturday night skips the closed Sunday,         BR, America/Sao_Paulo,      2026-03-08T00:00:00Z, 2026-03-09T12:00:00Z
            lead without timezone uses its market's,        BR, -,                      2026-03-04T11:00:00Z, 2026-03-04T12:00:00Z
            unknown market uses the default (UTC),          -,  -,                      2026-03-04T08:00:00Z, 2026-03-04T09:00:00Z
            Sao Paulo DST start 2018 after closed Sunday,   BR, America/Sao_Paulo,      2018-11-04T01:00:00Z, 2018-11-05T11:00:00Z
            Sao Paulo DST start 2018 on an open Sunday,     US, America/Sao_Paulo,      2018-11-04T01:00:00Z, 2018-11-04T11:00:00Z
            Sao Paulo DST end 2019 on an open Sunday,       US, America/Sao_Paulo,      2019-02-16T23:00:00Z, 2019-02-17T12:00:00Z
            New York DST start 2026,                        US, America/New_York,       2026-03-08T02:00:00Z, 2026-03-08T13:00:00Z
            New York DST end 2026,                          US, America/New_York,       2026-11-01T02:00:00Z, 2026-11-01T14:00:00Z
            Berlin 02:30 does not exist on 2026-03-29,      DE, Europe/Berlin,          2026-03-29T00:30:00Z, 2026-03-29T01:30:00Z
            Berlin 02:30 happens twice on 2026-10-25,       DE, Europe/Berlin,          2026-10-25T00:00:00Z, 2026-10-25T00:30:00Z
            Berlin after the repeated hour is inside,       DE, Europe/Berlin,          2026-10-25T02:00:00Z, -
            """)
    void nextAllowedMoment(String name, String market, String leadTimezone, Instant now, Instant expected) {
        ZoneId zone = quietHours.zoneFor(leadTimezone, market);

        Optional<Deferral> deferral = quietHours.check(market, zone, now);

        assertThat(deferral.map(Deferral::until)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void theReasonNamesTheLocalTimeAndZone() {
        Deferral deferral = quietHours.check("BR", ZoneId.of("Asia/Tokyo"), Instant.parse("2026-03-04T15:00:00Z"))
                .orElseThrow();

        assertThat(deferral.reason()).startsWith("quiet hours until 09:00 Asia/Tokyo on 2026-03-05");
    }

    @Test
    void theJvmTimezoneDoesNotMatter() {
        TimeZone jvm = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(quietHours.check("BR", ZoneId.of("Asia/Tokyo"), Instant.parse("2026-03-04T15:00:00Z")))
                    .map(Deferral::until).contains(Instant.parse("2026-03-05T00:00:00Z"));
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    @Test
    void anUnreadableLeadTimezoneFallsBackToTheMarket() {
        assertThat(quietHours.zoneFor("Mars/Olympus", "BR")).isEqualTo(ZoneId.of("America/Sao_Paulo"));
    }

    @Test
    void aWindowThatNeverOpensStopsTheStart() {
        assertThatThrownBy(() -> new QuietHours(Map.of("BR", new Market(null, "20:00", "09:00", null))))
                .hasMessageContaining("leadflow.markets.BR");
        assertThatThrownBy(() -> new QuietHours(Map.of("default", new Market(null, null, null,
                List.of(DayOfWeek.values())))))
                .hasMessageContaining("closes every day");
        assertThatThrownBy(() -> new QuietHours(Map.of("BR", new Market("Brazil/Nowhere", null, null, null))))
                .hasMessageContaining("leadflow.markets.BR.timezone");
        assertThatThrownBy(() -> new QuietHours(Map.of("BR", new Market(null, "9h", null, null))))
                .hasMessageContaining("leadflow.markets.BR.send-from");
    }

    @Test
    void untilMidnightKeepsTheWholeEvening() {
        QuietHours late = new QuietHours(Map.of("default", new Market("UTC", "09:00", "24:00", List.of())));

        assertThat(late.check(null, ZoneId.of("UTC"), Instant.parse("2026-03-04T23:59:00Z"))).isEmpty();
        assertThat(late.check(null, ZoneId.of("UTC"), Instant.parse("2026-03-05T00:00:00Z")))
                .map(Deferral::until).contains(Instant.parse("2026-03-05T09:00:00Z"));
    }
}
