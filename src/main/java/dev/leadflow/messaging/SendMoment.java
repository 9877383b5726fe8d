package dev.leadflow.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A later moment, inside the allowed hours, when a marketing message is more likely to be answered: the
 * port that best-hour sending fills. Asked only for marketing sends that no other rule holds.
 */
public interface SendMoment {

    /** Every message goes at its step's own time. */
    SendMoment STEP_TIME = (command, lead, timing, zone, allowed, now) -> Optional.empty();

    /**
     * @param allowed whether a moment lies inside the lead's allowed hours
     * @return the moment to wait for, with why; empty to send now
     */
    Optional<Deferral> later(SendCommand command, Recipient lead, SendTiming timing, ZoneId zone,
                             Predicate<Instant> allowed, Instant now);
}
