package dev.leadflow.experiments;

/**
 * The statistics of comparing two rates: Wilson score intervals for each rate and the two-proportion
 * z-test (pooled) for their difference, as in any statistics textbook.
 */
final class Proportions {

    /** z for a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    private Proportions() {
    }

    record Interval(double low, double high) {
    }

    /** Wilson score interval of {@code successes} in {@code trials} for the given z. */
    static Interval wilson(long successes, long trials, double z) {
        if (trials == 0) {
            return new Interval(0, 1);
        }
        double p = successes / (double) trials;
        double z2 = z * z;
        double denominator = 1 + z2 / trials;
        double centre = (p + z2 / (2.0 * trials)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * The pooled two-proportion z statistic of rate b against rate a (positive when b is higher); 0 when
     * either group is empty or no group differs from the pooled rate.
     */
    static double zStatistic(long successesA, long trialsA, long successesB, long trialsB) {
        if (trialsA == 0 || trialsB == 0) {
            return 0;
        }
        double pooled = (successesA + successesB) / (double) (trialsA + trialsB);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        if (standardError == 0) {
            return 0;
        }
        return (successesB / (double) trialsB - successesA / (double) trialsA) / standardError;
    }

    /** Two-sided p-value of a z statistic. */
    static double twoSidedP(double z) {
        return 2 * (1 - normalCdf(Math.abs(z)));
    }

    /** One-sided p-value that the true difference is not above zero. */
    static double oneSidedP(double z) {
        return 1 - normalCdf(z);
    }

    /** Interval of the difference b - a (unpooled standard error), for reading the size of an effect. */
    static Interval difference(long successesA, long trialsA, long successesB, long trialsB, double z) {
        if (trialsA == 0 || trialsB == 0) {
            return new Interval(-1, 1);
        }
        double pa = successesA / (double) trialsA;
        double pb = successesB / (double) trialsB;
        double se = Math.sqrt(pa * (1 - pa) / trialsA + pb * (1 - pb) / trialsB);
        return new Interval(pb - pa - z * se, pb - pa + z * se);
    }

    /** Standard normal distribution function, from a Chebyshev fit of erfc (fractional error below 1.2e-7). */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
