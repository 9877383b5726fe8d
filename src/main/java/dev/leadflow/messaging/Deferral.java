package dev.leadflow.messaging;

import java.time.Instant;

/** A send that must wait: not before {@code until}, for the given reason. */
public record Deferral(Instant until, String reason) {
}
