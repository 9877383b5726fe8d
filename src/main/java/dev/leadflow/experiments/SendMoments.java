package dev.leadflow.experiments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The moments chosen for sends (table send_moment): chosen once, so a send is never moved twice. */
@Repository
class SendMoments {

    private final JdbcTemplate jdbc;

    SendMoments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Moment(Instant sendAt, String reason) {
    }

    Optional<Moment> of(String idempotencyKey) {
        return jdbc.query("select send_at, reason from send_moment where idempotency_key = ?",
                (rs, row) -> new Moment(rs.getTimestamp(1).toInstant(), rs.getString(2)), idempotencyKey)
                .stream().findFirst();
    }

    /** Records the moment unless one was chosen already; answers the one that counts. */
    Moment choose(String idempotencyKey, Moment moment, Instant now) {
        try {
            jdbc.update("insert into send_moment (idempotency_key, send_at, reason, decided_at) values (?, ?, ?, ?)",
                    idempotencyKey, Timestamp.from(moment.sendAt()), moment.reason(), Timestamp.from(now));
            return moment;
        } catch (DuplicateKeyException chosenElsewhere) {
            return of(idempotencyKey).orElse(moment);
        }
    }

    int forgetLead(String leadId) {
        return jdbc.update("delete from send_moment where idempotency_key like ?", leadId + ":%");
    }
}
