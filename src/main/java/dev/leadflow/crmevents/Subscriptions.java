package dev.leadflow.crmevents;

import static dev.leadflow.crmevents.OutboundEvents.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The receivers of the feed and their health. */
@Repository
public class Subscriptions {

    /** The kind of a subscription that posts to a URL of the CRM. */
    public static final String WEBHOOK = "webhook";
    /** Subscribes to every event type. */
    public static final String ALL = "*";

    /** One receiver. {@code eventTypes} are wire names, or {@link #ALL}. */
    public record Subscription(String id, String kind, String url, String secret, Set<String> eventTypes,
                               Instant createdAt, boolean active, int consecutiveFailures, Instant failingSince,
                               Instant retryAt, String lastError, Instant lastSuccessAt) {

        public boolean failing() {
            return failingSince != null;
        }
    }

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String kind, String url, String secret, Set<String> eventTypes, Instant now) {
        jdbc.sql("""
                        insert into event_subscription (id, kind, url, secret, event_types, created_at, active,
                                                        consecutive_failures)
                        values (?, ?, ?, ?, ?, ?, true, 0)""")
                .params(id, kind, url, secret, String.join(",", eventTypes), utc(now))
                .update();
    }

    /**
     * Makes sure an adapter's subscription exists with these event types (adapters inside Leadflow subscribe
     * themselves at start-up); on two nodes starting together the second insert finds the first.
     */
    public void ensure(String id, String kind, Set<String> eventTypes, Instant now) {
        int updated = jdbc.sql("update event_subscription set event_types = ?, active = true where id = ?")
                .params(String.join(",", eventTypes), id).update();
        if (updated == 0) {
            try {
                insert(id, kind, null, null, eventTypes, now);
            } catch (org.springframework.dao.DuplicateKeyException startedMeanwhile) {
                // another node created it
            }
        }
    }

    public Optional<Subscription> find(String id) {
        return jdbc.sql("select * from event_subscription where id = ?").param(id)
                .query(Subscriptions::read).optional();
    }

    List<Subscription> all() {
        return jdbc.sql("select * from event_subscription where active order by created_at, id")
                .query(Subscriptions::read).list();
    }

    /** Stops deliveries to the subscription; its pending deliveries are dropped, its history kept. */
    public boolean deactivate(String id) {
        int updated = jdbc.sql("update event_subscription set active = false where id = ? and active")
                .param(id).update();
        jdbc.sql("delete from event_delivery where subscription_id = ? and status = 'PENDING'").param(id).update();
        return updated == 1;
    }

    void succeeded(String id, Instant now) {
        jdbc.sql("""
                        update event_subscription set consecutive_failures = 0, failing_since = null, retry_at = null,
                        last_success_at = ? where id = ?""")
                .params(utc(now), id).update();
    }

    /** Counts a failure and holds every delivery to the subscription until {@code retryAt}. */
    void failed(String id, Instant now, Instant retryAt, String error) {
        jdbc.sql("""
                        update event_subscription set consecutive_failures = consecutive_failures + 1,
                        failing_since = coalesce(failing_since, ?), retry_at = ?, last_error = ? where id = ?""")
                .params(utc(now), utc(retryAt), Deliveries.clip(error), id).update();
    }

    private static Subscription read(ResultSet rs, int row) throws SQLException {
        Set<String> types = Arrays.stream(rs.getString("event_types").split(",")).map(String::strip)
                .filter(type -> !type.isEmpty()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return new Subscription(rs.getString("id"), rs.getString("kind"), rs.getString("url"), rs.getString("secret"),
                types, instant(rs, "created_at"), rs.getBoolean("active"), rs.getInt("consecutive_failures"),
                instant(rs, "failing_since"), instant(rs, "retry_at"), rs.getString("last_error"),
                instant(rs, "last_success_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
