package dev.leadflow.legacy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

import dev.leadflow.crm.StatusMapping.Vocabulary;

/**
 * {@code leadflow.legacy.*}: how the legacy tracking's message status words map to Leadflow's, which flow each
 * automation was, who sends each flow's messages, and where a one-shot import reads from.
 *
 * @param messageStatuses   the legacy tracking's message status words
 * @param automations       legacy automation (and step) names to Leadflow's flow and step
 * @param flows             per flow (process key): {@code mode} legacy, shadow or leadflow (the default)
 * @param scopedMatchWindow a legacy send counts for a meeting's step (whose identity includes the meeting)
 *                          only when it went out this recently: the tracking rows do not name the meeting
 * @param timeZone          the zone of legacy {@code sent_at} values written without one
 * @param source            the JDBC source of {@code POST /api/legacy/imports} with a JSON body
 * @param importRun         the one-shot command: {@code leadflow.legacy.import.csv} or {@code .jdbc}, {@code .dry-run}
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.legacy")
record LegacyProperties(
        Vocabulary messageStatuses,
        List<Automation> automations,
        Map<String, FlowSettings> flows,
        Duration scopedMatchWindow,
        ZoneId timeZone,
        JdbcSource source,
        @Name("import") ImportRun importRun) {

    LegacyProperties {
        messageStatuses = messageStatuses == null ? new Vocabulary(null, null) : messageStatuses;
        automations = automations == null ? List.of() : automations;
        flows = flows == null ? Map.of() : flows;
        scopedMatchWindow = scopedMatchWindow == null ? Duration.ofDays(14) : scopedMatchWindow;
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        source = source == null ? new JdbcSource(null, null, null, null, null) : source;
        importRun = importRun == null ? new ImportRun(null, false, true) : importRun;
    }

    /**
     * @param names the automation's names in the legacy tracking
     * @param flow  Leadflow's flow (process key)
     * @param steps legacy step -> Leadflow step; {@code step} when the legacy step is not listed (or no steps are)
     */
    record Automation(List<String> names, String flow, Map<String, String> steps, String step) {

        Automation {
            names = names == null ? List.of() : names;
            steps = steps == null ? Map.of() : steps;
        }
    }

    record FlowSettings(HandoverMode mode) {
    }

    /**
     * @param url   blank: Leadflow's own database
     * @param query blank: every column of {@code table}
     */
    record JdbcSource(String url, String username, String password, String table, String query) {

        @Override
        public String toString() {
            return "JdbcSource[url=" + url + ", username=" + username + ", password=***, table=" + table + "]";
        }
    }

    /**
     * @param csv  a file to import, then the application exits
     * @param jdbc import from {@link JdbcSource}, then exit
     */
    record ImportRun(String csv, boolean jdbc, Boolean dryRun) {

        ImportRun {
            dryRun = dryRun == null || dryRun;
        }

        boolean requested() {
            return (csv != null && !csv.isBlank()) || jdbc;
        }
    }
}
