package dev.leadflow.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.history.UserOperationLogEntry;

import dev.leadflow.messaging.PlainWords;

/** Camunda's own words (operation types, delete reasons, activity types) as a person reads them. */
final class EngineWords {

    private static final Pattern CANCEL_SCOPE = Pattern.compile(
            "(?:Cancel|Delete) scope activity Activity\\(([^)]+)\\) executed\\.?");
    private static final Map<String, String> ACTIVITY_TYPES = Map.ofEntries(
            Map.entry("serviceTask", "step"),
            Map.entry("sendTask", "step"),
            Map.entry("userTask", "task for a person"),
            Map.entry("callActivity", "another flow"),
            Map.entry("subProcess", "part of the flow"),
            Map.entry("intermediateTimer", "waiting for a time"),
            Map.entry("intermediateMessageCatch", "waiting for news"),
            Map.entry("receiveTask", "waiting for news"),
            Map.entry("boundaryTimer", "time ran out"),
            Map.entry("boundaryMessage", "news arrived"),
            Map.entry("boundaryError", "could not go on"),
            Map.entry("intermediateNoneThrowEvent", "milestone"),
            Map.entry("noneEndEvent", "end"),
            Map.entry("messageEndEvent", "end"),
            Map.entry("errorEndEvent", "end with an error"),
            Map.entry("terminateEndEvent", "end of the whole flow"));
    /** The one property of each operation that says what it did; the other rows of the same operation repeat it. */
    private static final Set<String> TELLING_PROPERTIES = Set.of("suspensionState", "duedate", "retries",
            "deleteReason", "cascade", "processInstanceIds");

    private EngineWords() {
    }

    static String activityType(String type) {
        return ACTIVITY_TYPES.getOrDefault(type, type);
    }

    /** Only one row per operation: the one with the property that tells what was done, or a row without any. */
    static boolean tellsTheOperation(UserOperationLogEntry op) {
        return op.getProperty() == null || TELLING_PROPERTIES.contains(op.getProperty())
                || !Set.of("Suspend", "Activate", "SetDueDate", "SetJobRetries", "Delete")
                .contains(op.getOperationType());
    }

    /** "paused the flow", "made the step due at 2026-12-01 09:00 UTC", "gave the failed step 1 more try". */
    static String operation(UserOperationLogEntry op) {
        String value = op.getNewValue();
        return switch (op.getOperationType()) {
            case "Suspend", "SuspendJob" -> "paused the flow";
            case "Activate", "ActivateJob" -> "resumed the flow";
            case "SetDueDate" -> "made the step due at " + dueDate(value);
            case "RecalculateDueDate" -> "recalculated when the step is due";
            case "SetJobRetries" -> "retried the stopped step (" + tries(value) + ")";
            case "ModifyProcessInstance" -> "moved the flow past a step";
            case "Delete" -> "cancelled the flow";
            case "Complete" -> "completed the task";
            case "Claim" -> "took the task";
            case "Assign" -> "assigned the task" + (value == null ? "" : " to " + value);
            case "SetVariable", "ModifyVariable" -> "changed a value of the flow";
            case "Resolve" -> "marked the task resolved";
            case "CreateIncident" -> "stopped the flow for ops";
            case "Resolve Incident", "ResolveIncident" -> "resolved the stop";
            default -> words(op.getOperationType());
        };
    }

    /** A job failure or incident message without the engine's wrapping, and without repeated text. */
    static String failure(String message) {
        if (message == null) {
            return "failed without a message";
        }
        return message.strip();
    }

    static String triesLeft(int left) {
        return left == 0 ? "; no tries left: it waits for ops" : "; will try again (" + tries(String.valueOf(left))
                + " left)";
    }

    /** "cancelled: ..." for an operator's reason; "ended because "Meeting moved" happened" for a scope cancelled. */
    static String deleteReason(String reason, UnaryOperator<String> activityName) {
        Matcher cancelledScope = CANCEL_SCOPE.matcher(reason.strip());
        if (cancelledScope.matches()) {
            return "ended because \"" + activityName.apply(cancelledScope.group(1)) + "\" happened";
        }
        return "cancelled: " + reason;
    }

    private static String dueDate(String millis) {
        try {
            return PlainWords.at(Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (RuntimeException notMillis) {
            return millis == null ? "now" : millis;
        }
    }

    private static String tries(String count) {
        return "1".equals(count) ? "1 more try" : count + " more tries";
    }

    /** "SetRemovalTime" -> "set removal time". */
    private static String words(String camelCase) {
        return camelCase == null ? ""
                : camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
