package dev.leadflow.legacy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.legacy.LegacyProperties.FlowSettings;

/**
 * Who sends each flow's messages: a switch made through the API (stored, so every node sees it, and audited),
 * else {@code leadflow.legacy.flows.<flow>.mode}, else Leadflow.
 */
@Component
class FlowModes {

    record FlowMode(String flow, HandoverMode mode, String setBy, String changedBy, Instant changedAt) {
    }

    record Change(String flow, HandoverMode from, HandoverMode to, String changedBy, String reason, Instant changedAt) {
    }

    private final JdbcClient jdbc;
    private final Map<String, HandoverMode> configured = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final RepositoryService repository;
    private final Clock clock;
    private final TransactionTemplate transaction;

    FlowModes(JdbcClient jdbc, LegacyProperties properties, RepositoryService repository, Clock clock,
              PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        properties.flows().forEach((flow, settings) -> configured.put(flow,
                Optional.ofNullable(settings).map(FlowSettings::mode).orElse(HandoverMode.LEADFLOW)));
    }

    HandoverMode modeOf(String flow) {
        return jdbc.sql("select mode from legacy_flow_mode where flow = ?").param(flow).query(String.class).optional()
                .map(HandoverMode::valueOf).orElseGet(() -> configured.getOrDefault(flow, HandoverMode.LEADFLOW));
    }

    /** Every deployed flow with its mode. */
    List<FlowMode> all() {
        return flowKeys().stream().map(this::describe).toList();
    }

    Optional<FlowMode> of(String flow) {
        return flowKeys().contains(flow) ? Optional.of(describe(flow)) : Optional.empty();
    }

    List<Change> changes(String flow) {
        return jdbc.sql("""
                        select flow, from_mode, to_mode, changed_by, reason, changed_at from legacy_flow_mode_change
                        where flow = ? order by id""")
                .param(flow)
                .query((row, i) -> new Change(row.getString("flow"), HandoverMode.valueOf(row.getString("from_mode")),
                        HandoverMode.valueOf(row.getString("to_mode")), row.getString("changed_by"),
                        row.getString("reason"),
                        row.getObject("changed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Switches the flow's mode; the change is audited. Empty when the flow does not exist. */
    Optional<FlowMode> switchTo(String flow, HandoverMode mode, String by, String reason) {
        if (!flowKeys().contains(flow)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            HandoverMode before = modeOf(flow);
            int updated = jdbc.sql(
                            "update legacy_flow_mode set mode = ?, changed_by = ?, changed_at = ? where flow = ?")
                    .params(mode.name(), by, now.atOffset(ZoneOffset.UTC), flow).update();
            if (updated == 0) {
                jdbc.sql("insert into legacy_flow_mode (flow, mode, changed_by, changed_at) values (?, ?, ?, ?)")
                        .params(flow, mode.name(), by, now.atOffset(ZoneOffset.UTC)).update();
            }
            jdbc.sql("""
                    insert into legacy_flow_mode_change (flow, from_mode, to_mode, changed_by, reason, changed_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(flow, before.name(), mode.name(), by, reason, now.atOffset(ZoneOffset.UTC)).update();
        });
        return of(flow);
    }

    private FlowMode describe(String flow) {
        return jdbc.sql("select mode, changed_by, changed_at from legacy_flow_mode where flow = ?").param(flow)
                .query((row, i) -> new FlowMode(flow, HandoverMode.valueOf(row.getString("mode")), "switched",
                        row.getString("changed_by"), row.getObject("changed_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElseGet(() -> new FlowMode(flow, configured.getOrDefault(flow, HandoverMode.LEADFLOW),
                        configured.containsKey(flow) ? "configured" : "default", null, null));
    }

    private List<String> flowKeys() {
        return repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(ProcessDefinition::getKey).distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    static HandoverMode parse(String mode) {
        return HandoverMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
    }
}
