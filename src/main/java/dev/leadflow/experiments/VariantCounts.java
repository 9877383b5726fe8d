package dev.leadflow.experiments;

/**
 * What became of the leads of one variant within the attribution window after their assignment. Rates are
 * over assigned leads (intent to treat), so a holdout compares fairly with the variants that send.
 *
 * @param blocked the lead hit Meta's marketing limits (131049, 131050) or opted out
 */
record VariantCounts(String variant, long assigned, long sent, long delivered, long read, long replied,
                     long meetingBooked, long dealWon, long failed, long blocked) {

    long of(ExperimentProperties.Metric metric) {
        return switch (metric) {
            case REPLIED -> replied;
            case MEETING_BOOKED -> meetingBooked;
            case DEAL_WON -> dealWon;
        };
    }

    /** What the guardrail watches: messages that failed, leads blocked or lost. */
    long harmed() {
        return failed + blocked;
    }

    static VariantCounts none(String variant) {
        return new VariantCounts(variant, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
