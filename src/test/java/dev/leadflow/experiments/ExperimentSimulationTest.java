package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The simulation of bench/experiments.sh at a small size, so it cannot rot; its figures are checked loosely. */
class ExperimentSimulationTest {

    @Test
    @SuppressWarnings("unchecked")
    void experimentsRarelyNameAWinnerWhereThereIsNoneAndBestHourSendingPays() {
        Map<String, Object> result = ExperimentSimulation.run(40, 4000, 4000, 7);

        Map<String, Object> experiments = (Map<String, Object>) result.get("experiments");
        Map<String, Object> none = (Map<String, Object>) experiments.get("noTrueDifference");
        Map<String, Object> big = (Map<String, Object>) experiments.get("lift25Percent");
        assertThat((double) none.get("wrongWinnerNamed")).isLessThanOrEqualTo(0.15);
        assertThat((double) big.get("rightWinnerNamed")).isGreaterThan(0.5);
        assertThat((double) big.get("wrongWinnerNamed")).isZero();

        Map<String, Object> bestHour = (Map<String, Object>) result.get("bestHour");
        assertThat((double) bestHour.get("replyRateBestHour")).isGreaterThan((double) bestHour.get("replyRateAtOnce"));
    }
}
