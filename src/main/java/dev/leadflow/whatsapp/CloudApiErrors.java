package dev.leadflow.whatsapp;

import dev.leadflow.messaging.FailureKind;

/** Meta's error codes as the messaging rules need them (whatsapp-cloud-api.md, "Errors"). */
final class CloudApiErrors {

    private CloudApiErrors() {
    }

    static FailureKind classify(int code) {
        return switch (code) {
            case 0, 190 -> FailureKind.CHANNEL_AUTH;
            case 131056 -> FailureKind.RECIPIENT_PACED;
            case 131047 -> FailureKind.REENGAGEMENT_REQUIRED;
            case 131049 -> FailureKind.MARKETING_LIMITED;
            case 131050 -> FailureKind.MARKETING_STOPPED;
            case 131026 -> FailureKind.RECIPIENT_UNDELIVERABLE;
            case 132015, 132016 -> FailureKind.TEMPLATE_PAUSED;
            case 4, 80007, 130429, 131048, 131000, 1, 131016, 2, 131057 -> FailureKind.RETRYABLE;
            default -> code == 10 || (code >= 200 && code <= 299) ? FailureKind.PERMANENT : permanentOrUnknown(code);
        };
    }

    private static FailureKind permanentOrUnknown(int code) {
        return switch (code) {
            case 368, 131051, 132000, 132001, 133010, 100 -> FailureKind.PERMANENT;
            // An undocumented code: retrying is safe (nothing was accepted) and ends in an incident.
            default -> FailureKind.RETRYABLE;
        };
    }
}
