package dev.leadflow.legacy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Legacy tracking as years of cron scripts leave it: status and automation names in every spelling, empty
 * and unknown statuses, failures with error codes, repeated rows, three time formats, an automation nobody
 * mapped, and a few broken lines. It counts what it wrote, so a test compares the import's report with it.
 */
final class LegacyTrackingFixture {

    /** Every status spelling written, with the status the mapping must give it (null: not in the mapping). */
    static final Map<String, String> STATUS_SPELLINGS = new LinkedHashMap<>();

    static {
        STATUS_SPELLINGS.put("sent", "SENT");
        STATUS_SPELLINGS.put("SENT", "SENT");
        STATUS_SPELLINGS.put("Sent ", "SENT");
        STATUS_SPELLINGS.put("msg_sent", "SENT");
        STATUS_SPELLINGS.put("done", "SENT");
        STATUS_SPELLINGS.put("ok", "SENT");
        STATUS_SPELLINGS.put("delivered", "DELIVERED");
        STATUS_SPELLINGS.put("error:131026", "FAILED");
        STATUS_SPELLINGS.put("", null);
        STATUS_SPELLINGS.put("in_flight", null);
    }

    static final Map<String, String> LEAD_STATUS_SPELLINGS = new LinkedHashMap<>();

    static {
        LEAD_STATUS_SPELLINGS.put("New", "NEW");
        LEAD_STATUS_SPELLINGS.put("new_lead", "NEW");
        LEAD_STATUS_SPELLINGS.put("NEW", "NEW");
        LEAD_STATUS_SPELLINGS.put("Contacted", "CONTACTED");
        LEAD_STATUS_SPELLINGS.put("qualifying", "QUALIFYING");
        LEAD_STATUS_SPELLINGS.put("Hot lead?", null);
    }

    private static final List<String> WELCOME_NAMES = List.of("welcome", "Welcome_Msg", "WELCOME ");
    private static final List<String> FOLLOW_UP_NAMES = List.of("followup", "Follow_Up", "FOLLOWUP", "nurture");
    private static final List<Duration> FOLLOW_UP_INTERVALS = List.of(Duration.ofDays(1), Duration.ofDays(3),
            Duration.ofDays(7));
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Random random;
    private final StringBuilder csv = new StringBuilder("lead_id,automation,step,status,sent_at,wamid,lead_status\n");

    int rows;
    int rejected;
    int leads;
    final Map<String, Integer> statuses = new TreeMap<>();
    final Map<String, Integer> unknownStatuses = new TreeMap<>();
    final Map<String, Integer> leadStatuses = new TreeMap<>();
    final Map<String, Integer> unknownLeadStatuses = new TreeMap<>();
    final Map<String, Integer> steps = new TreeMap<>();
    int unknownAutomationRows;

    LegacyTrackingFixture(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} leads, each greeted and followed up as far as the legacy scripts got before {@code now}. */
    LegacyTrackingFixture leads(String prefix, int count, Instant now) {
        for (int i = 0; i < count; i++) {
            String leadId = prefix + "-" + i;
            String leadStatus = pick(List.copyOf(LEAD_STATUS_SPELLINGS.keySet()));
            Instant at = now.minus(Duration.ofMinutes(60L * 24 * 2 + random.nextInt(60 * 24 * 40)));
            row(leadId, pick(WELCOME_NAMES), "", statusWord(), at, leadStatus);
            int followUps = random.nextInt(4);
            for (int step = 1; step <= followUps; step++) {
                at = at.plus(FOLLOW_UP_INTERVALS.get(step - 1)).plusSeconds(random.nextInt(600));
                if (at.isAfter(now)) {
                    break;
                }
                String status = statusWord();
                row(leadId, pick(FOLLOW_UP_NAMES), String.valueOf(step), status, at, leadStatus);
                if (random.nextInt(10) == 0) {
                    // the script logged the same message twice (a retry, a status update as a new row)
                    row(leadId, pick(FOLLOW_UP_NAMES), String.valueOf(step), "delivered", at.plusSeconds(5),
                            leadStatus);
                }
            }
            if (random.nextInt(30) == 0) {
                line(leadId + ",sms_blast,1,sent," + at + ",," + leadStatus);
                count(statuses, "SENT");
                countLeadStatus(leadStatus);
                unknownAutomationRows++;
            }
            leads++;
        }
        return this;
    }

    /** Lines that cannot be read: too few or too many fields, a time that is no time, an id that is no lead id. */
    LegacyTrackingFixture brokenLines(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            line(switch (i % 4) {
                case 0 -> prefix + "-short-" + i + ",followup,1";
                case 1 -> prefix + "-long-" + i + ",followup,1,sent,2026-01-01T00:00:00Z,,New,extra";
                case 2 -> prefix + "-time-" + i + ",followup,1,sent,yesterday,,New";
                default -> prefix + " id with spaces " + i + ",followup,1,sent,2026-01-01T00:00:00Z,,New";
            });
            rejected++;
        }
        return this;
    }

    /** One row exactly as given: for the leads a test follows. */
    LegacyTrackingFixture row(String leadId, String automation, String step, String status, Instant sentAt,
                              String leadStatus) {
        line(String.join(",", leadId, automation, step, quoted(status), time(sentAt), "wamid." + leadId + "." + rows,
                quoted(leadStatus)));
        String canonical = STATUS_SPELLINGS.containsKey(status) ? STATUS_SPELLINGS.get(status) : null;
        if (canonical == null) {
            count(statuses, "UNKNOWN");
            count(unknownStatuses, status.isEmpty() ? "(empty)" : status);
        } else {
            count(statuses, canonical);
        }
        countLeadStatus(leadStatus);
        count(steps, automation.toLowerCase().startsWith("welcome") ? "welcome/welcome" : "followUp/follow-up-" + step);
        return this;
    }

    String csv() {
        return csv.toString();
    }

    private void countLeadStatus(String leadStatus) {
        String canonical = LEAD_STATUS_SPELLINGS.get(leadStatus);
        if (canonical == null) {
            count(unknownLeadStatuses, leadStatus);
        } else {
            count(leadStatuses, canonical);
        }
    }

    private String statusWord() {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return pick(List.of("sent", "SENT", "Sent ", "msg_sent", "done", "ok"));
        }
        if (roll < 82) {
            return "delivered";
        }
        if (roll < 90) {
            return "error:131026";
        }
        return roll < 96 ? "" : "in_flight";
    }

    /** ISO-8601, a spaced local time in UTC, or epoch seconds, as the scripts' authors preferred. */
    private String time(Instant at) {
        return switch (random.nextInt(3)) {
            case 0 -> at.toString();
            case 1 -> SPACED.format(at);
            default -> String.valueOf(at.getEpochSecond());
        };
    }

    private void line(String line) {
        csv.append(line).append('\n');
        rows++;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }
}
