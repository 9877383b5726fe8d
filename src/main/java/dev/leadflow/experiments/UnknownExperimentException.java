package dev.leadflow.experiments;

/** A request names an experiment that is not configured. */
class UnknownExperimentException extends RuntimeException {

    UnknownExperimentException(String experimentId) {
        super("no experiment " + experimentId + " is configured");
    }
}
