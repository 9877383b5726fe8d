package dev.leadflow.legacy;

/** The input is not legacy tracking at all (not CSV, or without the required columns): nothing was read. */
class NotTrackingDataException extends RuntimeException {

    NotTrackingDataException(String message) {
        super(message);
    }
}
