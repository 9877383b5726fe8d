package dev.leadflow.legacy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.legacy.AutomationMapping.FlowStep;
import dev.leadflow.crm.LeadStatusWords;
import dev.leadflow.legacy.StatusWords.MessageStatusWord;
import dev.leadflow.legacy.TrackingRows.Problem;
import dev.leadflow.legacy.TrackingRows.Row;
import dev.leadflow.messaging.IdempotencyKey;

/**
 * Imports legacy tracking into normalised facts: every word through the one status mapping, every automation
 * to Leadflow's flow and step, several rows of one step merged into one fact. Importing the same rows again
 * changes nothing. Then each lead resumes where the legacy automations left it.
 */
@Service
class LegacyImport {

    private static final Logger log = LoggerFactory.getLogger(LegacyImport.class);
    static final String EMPTY = "(empty)";
    /** The CRM API's lead ids: a row with another id could never meet its lead. */
    private static final Pattern LEAD_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final StatusWords words;
    private final LeadStatusWords leadStatuses;
    private final AutomationMapping automations;
    private final LegacyFacts facts;
    private final Resumptions resumptions;
    private final LegacyProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    LegacyImport(StatusWords words, LeadStatusWords leadStatuses, AutomationMapping automations, LegacyFacts facts,
                 Resumptions resumptions, LegacyProperties properties, Clock clock,
                 PlatformTransactionManager transactionManager, JdbcClient jdbc, ObjectMapper json) {
        this.words = words;
        this.leadStatuses = leadStatuses;
        this.automations = automations;
        this.facts = facts;
        this.resumptions = resumptions;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.json = json;
    }

    ImportReport run(TrackingRows input, boolean dryRun) {
        Tally tally = new Tally();
        List<Problem> problems = new ArrayList<>(input.problems());
        Map<String, LegacyFact> read = new LinkedHashMap<>();
        for (Row row : input.rows()) {
            Optional<LegacyFact> fact;
            try {
                fact = interpret(row, tally);
            } catch (DateTimeException | IllegalArgumentException e) {
                problems.add(new Problem(row.line(), e.getMessage()));
                continue;
            }
            fact.ifPresent(f -> read.merge(f.key(), f, LegacyFact::merge));
        }
        Map<String, LegacyFact> existing = facts.findAll(read.keySet());
        Map<String, LegacyFact> changed = new LinkedHashMap<>();
        int added = 0;
        int updated = 0;
        Map<String, List<LegacyFact>> byLead = new TreeMap<>();
        for (LegacyFact fact : read.values()) {
            LegacyFact before = existing.get(fact.key());
            LegacyFact after = before == null ? fact : before.merge(fact);
            if (before == null) {
                added++;
                changed.put(fact.key(), after);
            } else if (!before.equals(after)) {
                updated++;
                changed.put(fact.key(), after);
            }
            byLead.computeIfAbsent(after.leadId(), lead -> new ArrayList<>()).add(after);
        }
        Instant now = clock.instant();
        if (!dryRun) {
            transaction.executeWithoutResult(status -> changed.values().forEach(fact -> {
                if (existing.containsKey(fact.key())) {
                    facts.update(fact, input.source(), now);
                } else {
                    facts.insert(fact, input.source(), now);
                }
            }));
        }
        Map<String, Integer> resumed = new TreeMap<>();
        byLead.forEach((leadId, leadFacts) -> {
            List<LegacyFact> all = dryRun ? withStored(leadId, leadFacts) : facts.ofLead(leadId);
            resumed.merge(resume(leadId, all, dryRun), 1, Integer::sum);
        });
        ImportReport report = new ImportReport(input.source(), dryRun, input.rows().size() + input.problems().size(),
                problems.size(), problems.stream().limit(ImportReport.LISTED_PROBLEMS).toList(),
                tally.messageStatuses, tally.spellings, tally.unknownMessageStatuses, tally.leadStatuses,
                tally.unknownLeadStatuses, tally.steps, tally.unknownAutomations, byLead.size(),
                new ImportReport.Facts(added, updated, read.size() - added - updated), resumed);
        if (!dryRun) {
            record(report, now);
        }
        log.info("Legacy import from {} ({}): {} rows, {} rejected, facts {}, resumptions {}", input.source(),
                dryRun ? "dry run" : "written", report.rowsRead(), report.rowsRejected(), report.facts(), resumed);
        return report;
    }

    /** The lead's facts as they would be after this import: stored ones, replaced by what it read. */
    private List<LegacyFact> withStored(String leadId, List<LegacyFact> read) {
        Map<String, LegacyFact> all = new LinkedHashMap<>();
        facts.ofLead(leadId).forEach(fact -> all.put(fact.key(), fact));
        read.forEach(fact -> all.put(fact.key(), fact));
        return List.copyOf(all.values());
    }

    private String resume(String leadId, List<LegacyFact> leadFacts, boolean dryRun) {
        try {
            return resumptions.resume(leadId, leadFacts, dryRun);
        } catch (RuntimeException e) {
            log.warn("Lead {} could not resume from legacy tracking", leadId, e);
            return "not resumed: " + e.getClass().getSimpleName() + " (see the log)";
        }
    }

    /** One row as a fact, counting every word on the way; empty for an automation the mapping lacks. */
    private Optional<LegacyFact> interpret(Row row, Tally tally) {
        if (!LEAD_ID.matcher(row.leadId()).matches()) {
            throw new IllegalArgumentException("lead_id '" + cut(row.leadId()) + "' is not a lead id (1 to 128 letters,"
                    + " digits, '.', '_' or '-')");
        }
        Instant sentAt = SentAt.parse(row.sentAt(), properties.timeZone()).orElse(null);
        MessageStatusWord status = words.messageStatus(row.status());
        String spelling = row.status() == null || row.status().isEmpty() ? EMPTY : row.status();
        tally.messageStatuses.merge(status.status().name(), 1, Integer::sum);
        if (status.known()) {
            tally.spellings.computeIfAbsent(status.status().name(), s -> new TreeMap<>()).merge(spelling, 1,
                    Integer::sum);
        } else {
            tally.unknownMessageStatuses.merge(spelling, 1, Integer::sum);
        }
        String leadStatus = null;
        if (row.leadStatus() != null && !row.leadStatus().isBlank()) {
            Optional<String> canonical = leadStatuses.leadStatus(row.leadStatus());
            if (canonical.isPresent()) {
                tally.leadStatuses.merge(canonical.get(), 1, Integer::sum);
                leadStatus = canonical.get();
            } else {
                tally.unknownLeadStatuses.merge(row.leadStatus(), 1, Integer::sum);
                leadStatus = "?" + row.leadStatus().strip();
            }
        }
        Optional<FlowStep> target = automations.resolve(row.automation(), row.step());
        if (target.isEmpty()) {
            tally.unknownAutomations.merge(row.automation() + " / " + (row.step() == null ? EMPTY : row.step()), 1,
                    Integer::sum);
            return Optional.empty();
        }
        tally.steps.merge(target.get().toString(), 1, Integer::sum);
        String key = IdempotencyKey.of(row.leadId(), target.get().flow(), target.get().step(), null);
        return Optional.of(new LegacyFact(key, row.leadId(), target.get().flow(), target.get().step(),
                status.status(), row.status(), status.errorCode(), sentAt, row.wamid(), leadStatus));
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private void record(ImportReport report, Instant now) {
        String text;
        try {
            text = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            text = report.toString();
        }
        String stored = text.length() > 100_000 ? text.substring(0, 100_000) : text;
        jdbc.sql("insert into legacy_import (source, rows_read, report, imported_at) values (?, ?, ?, ?)")
                .params(report.source(), report.rowsRead(), stored, now.atOffset(ZoneOffset.UTC)).update();
    }

    private static final class Tally {
        final Map<String, Integer> messageStatuses = new TreeMap<>();
        final Map<String, Map<String, Integer>> spellings = new TreeMap<>();
        final Map<String, Integer> unknownMessageStatuses = new TreeMap<>();
        final Map<String, Integer> leadStatuses = new TreeMap<>();
        final Map<String, Integer> unknownLeadStatuses = new TreeMap<>();
        final Map<String, Integer> steps = new TreeMap<>();
        final Map<String, Integer> unknownAutomations = new TreeMap<>();
    }
}
