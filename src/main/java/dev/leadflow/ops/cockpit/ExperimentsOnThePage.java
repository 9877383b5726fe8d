package dev.leadflow.ops.cockpit;

/**
 * What the Leadflow page shows of the template experiments, and the one action it offers on them: filled by
 * the experiments capability, so the page knows no experiment code (and shows none when it is not there).
 */
public interface ExperimentsOnThePage {

    /** Every experiment with its results, as the API gives them. */
    Object experiments();

    /** The same as CSV, one row per variant. */
    String csv();

    /**
     * Ends the experiment with this winner, as the operator, once.
     *
     * @throws Refusal 400 unknown variant, 404 unknown experiment, 409 ended already; nothing changed
     */
    Object promote(String experimentId, String variant, String operator, String reason);

    /** A promotion that could not be done, with the HTTP status that says why. */
    class Refusal extends RuntimeException {

        private final int status;

        public Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
