package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The statistics against published examples. */
class ProportionsTest {

    /** Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, Wilson score method. */
    @ParameterizedTest
    @CsvSource({"81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0.0000, 0.1611", "1, 29, 0.0061, 0.1718",
            "29, 29, 0.8830, 1.0000"})
    void wilsonIntervalsAsNewcombePublishedThem(long successes, long trials, double low, double high) {
        Proportions.Interval interval = Proportions.wilson(successes, trials, Proportions.Z95);
        assertThat(interval.low()).isCloseTo(low, within(0.00006));
        assertThat(interval.high()).isCloseTo(high, within(0.00006));
    }

    /** Agresti, Categorical Data Analysis: the Physicians' Health Study, heart attacks on placebo vs aspirin, z = 5.0. */
    @Test
    void twoProportionZTestOfTheAspirinStudy() {
        double z = Proportions.zStatistic(104, 11037, 189, 11034);
        assertThat(z).isCloseTo(5.00, within(0.01));
        assertThat(Proportions.twoSidedP(z)).isLessThan(1e-6);
    }

    @Test
    void twoProportionZTestOfATextbookSurvey() {
        // 120 of 200 against 150 of 300: pooled 0.54, standard error 0.0455, z = 2.198, two-sided p = 0.028
        double z = Proportions.zStatistic(150, 300, 120, 200);
        assertThat(z).isCloseTo(2.198, within(0.001));
        assertThat(Proportions.twoSidedP(z)).isCloseTo(0.0280, within(0.0005));
        assertThat(Proportions.oneSidedP(z)).isCloseTo(0.0140, within(0.0003));
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5", "1.959963984540054, 0.975", "-1, 0.158655254", "2.5758293035489, 0.995", "-3, 0.001349898"})
    void normalDistributionFunction(double x, double expected) {
        assertThat(Proportions.normalCdf(x)).isCloseTo(expected, within(2e-7));
    }

    @Test
    void emptyGroupsProveNothing() {
        assertThat(Proportions.zStatistic(0, 0, 5, 10)).isZero();
        assertThat(Proportions.zStatistic(0, 10, 0, 10)).isZero();
        assertThat(Proportions.wilson(0, 0, Proportions.Z95)).isEqualTo(new Proportions.Interval(0, 1));
    }
}
