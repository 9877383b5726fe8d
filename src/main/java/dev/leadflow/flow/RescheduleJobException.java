package dev.leadflow.flow;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Thrown from a job (a delegate of an async step) that must not run now but at {@code until}: quiet
 * hours, a frequency cap, a paused channel, a rate limit. The engine reschedules the job to that moment
 * without using up a retry and without an incident; Camunda's job log keeps the deferral and its reason
 * (the timeline shows it as "step deferred").
 *
 * <p>It extends {@link BadUserRequestException} only because Camunda logs those at DEBUG instead of
 * ERROR: a deferral is an expected outcome, not a failure.
 */
public class RescheduleJobException extends BadUserRequestException {

    static final String PREFIX = "Deferred until ";
    private static final Pattern MESSAGE = Pattern.compile("^" + PREFIX + "(\\S+): (.*)$", Pattern.DOTALL);

    private final transient Instant until;
    private final String reason;

    public RescheduleJobException(Instant until, String reason) {
        super(PREFIX + until + ": " + reason);
        this.until = until;
        this.reason = reason;
    }

    public Instant until() {
        return until;
    }

    public String reason() {
        return reason;
    }

    /** The deferral a job log's exception message describes, if it describes one. */
    public static Optional<Deferred> parse(String jobExceptionMessage) {
        if (jobExceptionMessage == null) {
            return Optional.empty();
        }
        Matcher matcher = MESSAGE.matcher(jobExceptionMessage);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Deferred(Instant.parse(matcher.group(1)), matcher.group(2)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public record Deferred(Instant until, String reason) {
    }

    /** The deferral somewhere in a failure's causes. */
    static Optional<RescheduleJobException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RescheduleJobException deferral) {
                return Optional.of(deferral);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
