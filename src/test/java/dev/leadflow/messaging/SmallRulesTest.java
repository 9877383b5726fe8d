package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opt-out words, the 24-hour window and the growing waits after Meta's refusals. */
class SmallRulesTest {

    private final OptOutWords optOut = new OptOutWords(Map.of(
            "en", List.of("STOP", "STOP PROMOTIONS"),
            "pt", List.of("PARAR", "SAIR"),
            "es", List.of("BAJA")));

    @ParameterizedTest(name = "''{0}'' from {1}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            STOP,                    pt-BR, true
            stop,                    en,    true
            '  Parar! ',             pt-BR, true
            PÁRAR,                   pt,    true
            Stop   promotions.,      en-US, true
            não quero parar agora,   pt-BR, false
            STOP sending me this,    en,    false
            BAJA,                    pt-BR, false
            BAJA,                    -,     true
            '',                      pt-BR, false
            """)
    void anOptOutIsTheWholeMessage(String message, String locale, boolean optsOut) {
        assertThat(optOut.isOptOut(message, locale)).isEqualTo(optsOut);
    }

    @ParameterizedTest(name = "last inbound {0} h ago: open {1}")
    @CsvSource(nullValues = "-", textBlock = """
            -,    false
            1,    true
            23.95, false
            23,   true
            25,   false
            -1,   false
            """)
    void theCustomerServiceWindowIs24HoursWithAMargin(Double hoursAgo, boolean open) {
        Instant now = Instant.parse("2026-03-04T15:00:00Z");
        Instant lastInbound = hoursAgo == null ? null : now.minusSeconds((long) (hoursAgo * 3600));

        assertThat(CustomerServiceWindow.isOpen(lastInbound, now)).isEqualTo(open);
    }

    @ParameterizedTest(name = "refusal {0}: {1} s")
    @CsvSource({"1, 1", "2, 4", "3, 16", "4, 64", "5, 256", "6, 1024"})
    void thePairRateLimitWaits4PowerNSeconds(int strike, long seconds) {
        assertThat(SendBackoff.pairRateLimit(strike)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void theMarketingLimitWaitsInGrowingHoursThenGivesUp() {
        SendBackoff backoff = new SendBackoff(List.of(Duration.ofHours(1), Duration.ofHours(4)));

        assertThat(backoff.marketingLimit(1)).contains(Duration.ofHours(1));
        assertThat(backoff.marketingLimit(2)).contains(Duration.ofHours(4));
        assertThat(backoff.marketingLimit(3)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> new SendBackoff(List.of())).hasMessageContaining("marketing-limit-backoff");
    }
}
