package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class ReplyHoursTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** 09:00 to 20:00 local, every day. */
    private static Predicate<Instant> daytime(ZoneId zone) {
        return at -> {
            LocalTime local = at.atZone(zone).toLocalTime();
            return !local.isBefore(LocalTime.of(9, 0)) && local.isBefore(LocalTime.of(20, 0));
        };
    }

    private static Instant local(String dateTime, ZoneId zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), zone).toInstant();
    }

    @Test
    void choosesTheHourOfTheWeekWithMostReplies() {
        ReplyHours hours = new ReplyHours();
        // Wednesdays at 18:xx, three times; a Wednesday at 10:xx once
        hours.count(local("2026-02-18T18:10", SAO_PAULO), SAO_PAULO);
        hours.count(local("2026-02-25T18:40", SAO_PAULO), SAO_PAULO);
        hours.count(local("2026-02-11T18:05", SAO_PAULO), SAO_PAULO);
        hours.count(local("2026-02-11T10:05", SAO_PAULO), SAO_PAULO);
        Instant wednesdayMorning = local("2026-03-04T09:30", SAO_PAULO);

        ReplyHours.Choice choice = hours.best(wednesdayMorning, SAO_PAULO, Duration.ofHours(24), daytime(SAO_PAULO))
                .orElseThrow();

        assertThat(choice.at()).isEqualTo(local("2026-03-04T18:00", SAO_PAULO));
        assertThat(choice.replies()).isEqualTo(3);
        assertThat(ReplyHours.describe(choice.hourOfWeek())).isEqualTo("Wednesday 18:00");
    }

    @Test
    void neverChoosesAnHourOutsideTheAllowedHoursHoweverManyRepliesFellThere() {
        ReplyHours hours = new ReplyHours();
        for (int week = 0; week < 10; week++) {
            hours.count(local("2026-02-04T23:15", SAO_PAULO).minus(Duration.ofDays(7L * week)), SAO_PAULO);
        }
        hours.count(local("2026-02-04T12:15", SAO_PAULO), SAO_PAULO);
        Instant now = local("2026-03-04T09:30", SAO_PAULO);

        ReplyHours.Choice choice = hours.best(now, SAO_PAULO, Duration.ofHours(48), daytime(SAO_PAULO)).orElseThrow();

        assertThat(daytime(SAO_PAULO).test(choice.at())).isTrue();
        assertThat(choice.at()).isEqualTo(local("2026-03-04T12:00", SAO_PAULO));
    }

    @Test
    void theCurrentHourWinsTiesSoNothingWaitsForNothing() {
        ReplyHours hours = new ReplyHours();
        hours.count(local("2026-02-25T09:10", SAO_PAULO), SAO_PAULO);
        hours.count(local("2026-02-25T15:10", SAO_PAULO), SAO_PAULO);
        Instant now = local("2026-03-04T09:30", SAO_PAULO);

        assertThat(hours.best(now, SAO_PAULO, Duration.ofHours(24), daytime(SAO_PAULO)).orElseThrow().at())
                .isEqualTo(now);
    }

    @Test
    void hoursFollowTheLocalClockAcrossTheSpringForwardNight() {
        ReplyHours hours = new ReplyHours();
        // a New York lead answers on Sundays at 10:xx local, before and after DST begins (2026-03-08)
        hours.count(local("2026-03-01T10:20", NEW_YORK), NEW_YORK);
        hours.count(local("2026-02-22T10:20", NEW_YORK), NEW_YORK);
        Instant saturdayEvening = local("2026-03-07T19:30", NEW_YORK);

        ReplyHours.Choice choice = hours.best(saturdayEvening, NEW_YORK, Duration.ofHours(24), daytime(NEW_YORK))
                .orElseThrow();

        assertThat(choice.at()).isEqualTo(local("2026-03-08T10:00", NEW_YORK));
        assertThat(choice.at().atZone(NEW_YORK).getHour()).isEqualTo(10);
    }

    @Test
    void noRepliesNoChoice() {
        assertThat(new ReplyHours().best(Instant.parse("2026-03-04T12:00:00Z"), SAO_PAULO, Duration.ofHours(24),
                at -> true)).isEmpty();
    }

    @Test
    void nothingAllowedWithinTheHorizonNoChoice() {
        ReplyHours hours = new ReplyHours();
        hours.count(Instant.parse("2026-02-25T12:00:00Z"), SAO_PAULO);
        assertThat(hours.best(Instant.parse("2026-03-04T12:00:00Z"), SAO_PAULO, Duration.ofHours(24), at -> false))
                .isEmpty();
    }
}
