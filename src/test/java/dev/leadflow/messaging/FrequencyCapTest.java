package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.leadflow.messaging.FrequencyCap.RecentSend;
import dev.leadflow.messaging.TemplateCatalog.Category;

class FrequencyCapTest {

    private static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");

    private final FrequencyCap cap = new FrequencyCap(Map.of("marketing", 2, "all", 3));

    /** Earlier sends as "category@hours ago", e.g. "marketing@3". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            # case                                         | sending   | sent before (category@hours ago)        | waits until hours from now
            nothing sent yet                               | MARKETING | -                                        | -
            one marketing fits one more                    | MARKETING | marketing@3                              | -
            two marketing wait for the older to leave      | MARKETING | marketing@20 marketing@3                 | 4
            a send 24 h ago no longer counts               | MARKETING | marketing@24 marketing@3                 | -
            utility is not capped per category             | UTILITY   | marketing@20 marketing@3                 | -
            but all categories together are                | UTILITY   | utility@22 marketing@20 marketing@3      | 2
            the later of both caps wins                    | MARKETING | utility@23 marketing@10 marketing@5      | 14
            a lowered cap waits for enough to leave        | MARKETING | marketing@23 marketing@12 marketing@1    | 12
            """)
    void capsARollingDay(String name, Category sending, String sentBefore, Long waitHours) {
        List<RecentSend> sent = sentBefore == null ? List.of() : Arrays.stream(sentBefore.trim().split("\\s+"))
                .map(entry -> entry.split("@"))
                .map(parts -> new RecentSend(Category.valueOf(parts[0].toUpperCase()),
                        NOW.minus(Duration.ofHours(Long.parseLong(parts[1])))))
                .toList();

        Optional<Deferral> deferral = cap.check(sending, sent, NOW);

        assertThat(deferral.map(Deferral::until))
                .isEqualTo(Optional.ofNullable(waitHours).map(hours -> NOW.plus(Duration.ofHours(hours))));
    }

    @Test
    void theReasonSaysWhichCap() {
        Deferral deferral = cap.check(Category.MARKETING, List.of(
                new RecentSend(Category.MARKETING, NOW.minusSeconds(60)),
                new RecentSend(Category.MARKETING, NOW.minusSeconds(30))), NOW).orElseThrow();

        assertThat(deferral.reason()).contains("2 marketing message(s)").contains("cap 2");
    }

    @Test
    void anUnknownCategoryOrACapBelowOneStopsTheStart() {
        assertThatThrownBy(() -> new FrequencyCap(Map.of("promo", 2)))
                .hasMessageContaining("leadflow.messaging.frequency-caps.promo");
        assertThatThrownBy(() -> new FrequencyCap(Map.of("marketing", 0)))
                .hasMessageContaining("at least 1");
    }
}
