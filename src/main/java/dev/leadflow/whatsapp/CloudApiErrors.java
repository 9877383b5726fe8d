package dev.leadflow.whatsapp;

import java.util.Map;

import dev.leadflow.messaging.FailureKind;

/** Meta's error codes as the messaging rules need them, and what each means in plain words for ops. */
final class CloudApiErrors {

    /** What each code means to a person deciding what to do; the classification is below. */
    private static final Map<Integer, String> PLAIN_WORDS = Map.ofEntries(
            Map.entry(0, "WhatsApp refused our credentials: the access token is wrong or expired"),
            Map.entry(190, "WhatsApp refused our credentials: the access token is wrong or expired"),
            Map.entry(10, "our WhatsApp app lacks a permission for this number"),
            Map.entry(4, "too many requests from our WhatsApp app for now"),
            Map.entry(80007, "too many requests from our WhatsApp business account for now"),
            Map.entry(130429, "our number sent more messages per second than WhatsApp allows"),
            Map.entry(131056, "too many messages to this person in a short time"),
            Map.entry(131048, "WhatsApp is limiting our messages for spam or quality reasons"),
            Map.entry(368, "our number is temporarily blocked for a WhatsApp policy violation"),
            Map.entry(131047, "more than 24 hours since the lead's last message: only an approved template may be"
                    + " sent"),
            Map.entry(131026, "this number cannot receive WhatsApp messages (not on WhatsApp, old app, or terms"
                    + " not accepted)"),
            Map.entry(131049, "the lead got as many marketing messages as WhatsApp allows for now"),
            Map.entry(131050, "the lead stopped marketing messages in WhatsApp"),
            Map.entry(131051, "WhatsApp does not support this kind of message"),
            Map.entry(132000, "the template's parameters do not match the approved template (a configuration error)"),
            Map.entry(132001, "the template does not exist in this name or language at WhatsApp (a configuration"
                    + " error)"),
            Map.entry(132015, "the template is paused by WhatsApp for its quality"),
            Map.entry(132016, "the template is disabled by WhatsApp for its quality"),
            Map.entry(133010, "our sending number is not registered with WhatsApp"),
            Map.entry(100, "WhatsApp refused a value in the request (a configuration error)"),
            Map.entry(131000, "something went wrong at WhatsApp"),
            Map.entry(1, "something went wrong at WhatsApp"),
            Map.entry(131016, "WhatsApp was unavailable"),
            Map.entry(2, "WhatsApp was unavailable"),
            Map.entry(131057, "our number is being upgraded by WhatsApp (about a minute)"));

    private CloudApiErrors() {
    }

    /** The code's meaning in plain words, for forms, the timeline and the Messages tab. */
    static String plainWords(int code) {
        String words = PLAIN_WORDS.get(code);
        if (words != null) {
            return words;
        }
        return code >= 200 && code <= 299 ? "our WhatsApp app lacks a permission for this number"
                : "WhatsApp reported an error Leadflow does not know (" + code + ")";
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
