package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Holds make sends wait: a paused channel or template, a recipient's pair rate limit, a lead's marketing
 * limit. They live in the database, so every node honours them; {@code strikes} counts Meta's refusals
 * in a row, for growing intervals.
 */
@Repository
class SendHolds {

    /** A refusal more than this long after the previous hold ended starts counting from one again. */
    static final Duration STRIKES_FORGOTTEN_AFTER = Duration.ofHours(24);

    enum Kind {
        /** Subject: a phone-number id. Expired, it lets one send probe the channel. */
        CHANNEL,
        /** Subject: a Meta template name. Expired, it lets one send probe the template. */
        TEMPLATE,
        /** Subject: the recipient's phone number. */
        RECIPIENT,
        /** Subject: the lead id; marketing only. */
        MARKETING;

        boolean probed() {
            return this == CHANNEL || this == TEMPLATE;
        }
    }

    /** @param pausedBy the operator who paused the subject; null for a hold Meta's refusals set */
    record Hold(Kind kind, String subject, Integer errorCode, String reason, int strikes, Instant since,
                Instant until, String pausedBy) {

        boolean byOperator() {
            return pausedBy != null;
        }
    }

    private final JdbcClient jdbc;

    SendHolds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Hold> find(Kind kind, String subject) {
        return jdbc.sql("select * from send_hold where hold_kind = ? and subject = ?")
                .params(kind.name(), subject).query(SendHolds::map).optional();
    }

    /**
     * The holds of a send's subjects (its channel, template, recipient and lead), read in one query: a send
     * asks for all four, and nearly always finds none.
     */
    Held of(Map<Kind, String> subjects) {
        List<Object> params = new ArrayList<>();
        subjects.forEach((kind, subject) -> {
            params.add(kind.name());
            params.add(subject);
        });
        String where = String.join(" or ", Collections.nCopies(subjects.size(), "(hold_kind = ? and subject = ?)"));
        List<Hold> found = jdbc.sql("select * from send_hold where " + where).params(params)
                .query(SendHolds::map).list();
        return new Held(subjects, found, this);
    }

    /** The holds found for a send's subjects; any other subject is looked up on its own. */
    record Held(Map<Kind, String> subjects, List<Hold> found, SendHolds holds) implements SendPolicy.HoldLookup {

        @Override
        public Optional<Hold> find(Kind kind, String subject) {
            if (!subject.equals(subjects.get(kind))) {
                return holds.find(kind, subject);
            }
            return found.stream().filter(hold -> hold.kind() == kind && hold.subject().equals(subject)).findFirst();
        }
    }

    List<Hold> all(Kind kind) {
        return jdbc.sql("select * from send_hold where hold_kind = ? order by subject")
                .param(kind.name()).query(SendHolds::map).list();
    }

    /**
     * Records one more refusal and holds the subject for the wait its strike count gets.
     *
     * @return the hold as it is now
     */
    Hold strike(Kind kind, String subject, Integer errorCode, String reason, Instant now, IntFunction<Duration> waitFor) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<Hold> existing = find(kind, subject);
            int strikes = existing.filter(h -> h.until().plus(STRIKES_FORGOTTEN_AFTER).isAfter(now))
                    .map(h -> h.strikes() + 1).orElse(1);
            Instant until = now.plus(waitFor.apply(strikes));
            String text = truncate(reason);
            if (existing.isPresent()) {
                int updated = jdbc.sql("""
                                update send_hold set error_code = ?, reason = ?, strikes = ?, held_until = ?
                                where hold_kind = ? and subject = ? and strikes = ?""")
                        .params(errorCode, text, strikes, MessageLedger.utc(until), kind.name(), subject,
                                existing.get().strikes())
                        .update();
                if (updated == 1) {
                    return new Hold(kind, subject, errorCode, text, strikes, existing.get().since(), until,
                            existing.get().pausedBy());
                }
            } else {
                try {
                    jdbc.sql("""
                                    insert into send_hold (hold_kind, subject, error_code, reason, strikes, held_since,
                                        held_until) values (?, ?, ?, ?, ?, ?, ?)""")
                            .params(kind.name(), subject, errorCode, text, strikes, MessageLedger.utc(now),
                                    MessageLedger.utc(until))
                            .update();
                    return new Hold(kind, subject, errorCode, text, strikes, now, until, null);
                } catch (DuplicateKeyException another) {
                    // another node recorded it at the same moment: count on top of it
                }
            }
        }
        return find(kind, subject).orElseThrow();
    }

    /**
     * An expired channel or template hold lets exactly one send probe: the first to move its end to
     * {@code nextProbe} wins; false for everyone else.
     */
    boolean claimProbe(Hold hold, Instant nextProbe) {
        return jdbc.sql("update send_hold set held_until = ? where hold_kind = ? and subject = ? and held_until = ?")
                .params(MessageLedger.utc(nextProbe), hold.kind().name(), hold.subject(), MessageLedger.utc(hold.until()))
                .update() == 1;
    }

    /**
     * An operator pauses a channel or template: its sends wait until the operator resumes it, with no probe.
     * A hold Meta's refusals set becomes the operator's.
     *
     * @return false when the operator's pause is already there
     */
    boolean pauseByOperator(Kind kind, String subject, String operator, String reason, Instant now) {
        Optional<Hold> existing = find(kind, subject);
        if (existing.filter(Hold::byOperator).isPresent()) {
            return false;
        }
        String text = truncate("paused by " + operator + (reason == null || reason.isBlank() ? "" : ": " + reason));
        if (existing.isPresent()) {
            return jdbc.sql("update send_hold set paused_by = ?, reason = ? where hold_kind = ? and subject = ?"
                            + " and paused_by is null")
                    .params(operator, text, kind.name(), subject).update() == 1;
        }
        try {
            jdbc.sql("""
                            insert into send_hold (hold_kind, subject, error_code, reason, strikes, held_since,
                                held_until, paused_by) values (?, ?, null, ?, 0, ?, ?, ?)""")
                    .params(kind.name(), subject, text, MessageLedger.utc(now), MessageLedger.utc(now), operator)
                    .update();
            return true;
        } catch (DuplicateKeyException another) {
            return false;
        }
    }

    /** @return whether there was a hold to lift */
    boolean lift(Kind kind, String subject) {
        return jdbc.sql("delete from send_hold where hold_kind = ? and subject = ?").params(kind.name(), subject)
                .update() > 0;
    }

    /** Lifts a hold Meta's refusals set; an operator's pause stays until the operator lifts it. */
    void clear(Kind kind, String subject) {
        jdbc.sql("delete from send_hold where hold_kind = ? and subject = ? and paused_by is null")
                .params(kind.name(), subject).update();
    }

    private static String truncate(String reason) {
        return reason == null ? "" : reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }

    private static Hold map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Hold(Kind.valueOf(rs.getString("hold_kind")), rs.getString("subject"),
                (Integer) rs.getObject("error_code"), rs.getString("reason"), rs.getInt("strikes"),
                MessageLedger.instant(rs, "held_since"), MessageLedger.instant(rs, "held_until"),
                rs.getString("paused_by"));
    }
}
