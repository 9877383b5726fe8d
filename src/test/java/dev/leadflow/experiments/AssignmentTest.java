package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AssignmentTest {

    record Arm(String name, double weight) {
    }

    @Test
    void theSameLeadAlwaysGetsTheSameNumberWhereverItIsComputed() {
        // SHA-256 of "welcome-copy\0lead-123", top 53 bits: what any node, restart or JVM computes
        // (checked against an independent implementation of the same definition)
        assertThat(Assignment.unit("welcome-copy", "lead-123")).isEqualTo(0.09494214427395709);
        assertThat(Assignment.unit("welcome-copy", "lead-123")).isNotEqualTo(Assignment.unit("welcome-copy", "lead-124"));
        assertThat(Assignment.unit("welcome-copy", "lead-123")).isNotEqualTo(Assignment.unit("other", "lead-123"));
        assertThat(Assignment.unit("welcome-copy", "lead-123")).isBetween(0.0, 1.0);
    }

    @Test
    void experimentAndLeadCannotBeConfusedByWhereTheyAreCut() {
        assertThat(Assignment.unit("ab", "c")).isNotEqualTo(Assignment.unit("a", "bc"));
    }

    @Test
    void variantsGetTheirWeightsShare() {
        List<Arm> arms = List.of(new Arm("A", 2), new Arm("B", 1), new Arm("holdout", 1));
        Map<String, Integer> counts = new HashMap<>();
        int leads = 40_000;
        for (int i = 0; i < leads; i++) {
            counts.merge(Assignment.pick(arms, Arm::weight, Assignment.unit("exp", "lead-" + i)).name(), 1, Integer::sum);
        }
        // 3 standard deviations of a binomial share around 0.5 and 0.25 at n = 40,000 are about 0.0075 and 0.0065
        assertThat(counts.get("A") / (double) leads).isBetween(0.4925, 0.5075);
        assertThat(counts.get("B") / (double) leads).isBetween(0.2435, 0.2565);
        assertThat(counts.get("holdout") / (double) leads).isBetween(0.2435, 0.2565);
    }

    @Test
    void pickCoversTheWholeRange() {
        List<Arm> arms = List.of(new Arm("A", 1), new Arm("B", 1));
        assertThat(Assignment.pick(arms, Arm::weight, 0.0).name()).isEqualTo("A");
        assertThat(Assignment.pick(arms, Arm::weight, 0.4999).name()).isEqualTo("A");
        assertThat(Assignment.pick(arms, Arm::weight, 0.5).name()).isEqualTo("B");
        assertThat(Assignment.pick(arms, Arm::weight, 0.999999).name()).isEqualTo("B");
    }
}
