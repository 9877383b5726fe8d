package dev.leadflow.messaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a template's parameter expressions to values: {@code lead.name}, {@code lead.owner},
 * {@code lead.phone}, {@code lead.attributes.<name>}, a meeting field the flow passes (for example
 * {@code meeting.startsAt}), or {@code flow.<variable>}. {@code expression|fallback} gives a value for
 * when the source is empty. {@code meeting.startsAt} is shown in the lead's timezone (else the meeting's)
 * and locale.
 */
final class TemplateParameters {

    static final Set<String> LEAD_FIELDS = Set.of("lead.name", "lead.owner", "lead.phone", "lead.locale",
            "lead.timezone");
    static final Set<String> MEETING_FIELDS = Set.of("meeting.id", "meeting.startsAt", "meeting.endsAt",
            "meeting.timezone", "meeting.joinUrl", "meeting.confirmPayload", "meeting.reschedulePayload");
    private static final String MEETING_STARTS_AT = "meeting.startsAt";
    static final String LEAD_ATTRIBUTES = "lead.attributes.";
    static final String FLOW_VARIABLES = "flow.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");

    private TemplateParameters() {
    }

    /** Why an expression cannot be bound whatever the lead, checked at start-up; empty when it can. */
    static Optional<String> unknownSource(String expression) {
        String source = expression.split("\\|", 2)[0].trim();
        boolean known = LEAD_FIELDS.contains(source) || MEETING_FIELDS.contains(source)
                || (source.startsWith(LEAD_ATTRIBUTES) && source.length() > LEAD_ATTRIBUTES.length())
                || (source.startsWith(FLOW_VARIABLES) && source.length() > FLOW_VARIABLES.length());
        return known ? Optional.empty() : Optional.of("'" + source + "' is not a known source (" + String.join(", ",
                new java.util.TreeSet<>(LEAD_FIELDS)) + ", lead.attributes.<name>, " + String.join(", ",
                new java.util.TreeSet<>(MEETING_FIELDS)) + ", flow.<variable>)");
    }

    /** The highest {@code {{n}}} placeholder of a free-form text. */
    static int highestPlaceholder(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        int highest = 0;
        while (matcher.find()) {
            highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
        }
        return highest;
    }

    /** Puts the bound parameters into a free-form text's {@code {{1}}}, {@code {{2}}} ... */
    static String fill(String text, List<String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1)) - 1;
            String value = index >= 0 && index < parameters.size() ? parameters.get(index) : matcher.group();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    static List<String> bind(String templateKey, List<String> expressions, Recipient lead, Map<String, Object> values) {
        List<String> bound = new ArrayList<>(expressions.size());
        for (String expression : expressions) {
            String[] parts = expression.split("\\|", 2);
            String value = resolve(parts[0].trim(), lead, values);
            if ((value == null || value.isBlank()) && parts.length == 2) {
                value = parts[1].trim();
            }
            if (value == null || value.isBlank()) {
                throw new PermanentSendFailureException("Template '" + templateKey + "': parameter '" + parts[0].trim()
                        + "' has no value for lead " + lead.leadId(), null);
            }
            bound.add(value);
        }
        return bound;
    }

    private static String resolve(String source, Recipient lead, Map<String, Object> values) {
        switch (source) {
            case "lead.name":
                return lead.name();
            case "lead.owner":
                return lead.owner();
            case "lead.phone":
                return lead.phone();
            case "lead.locale":
                return lead.locale();
            case "lead.timezone":
                return lead.timezone();
            case MEETING_STARTS_AT:
                return meetingTime(values.get(MEETING_STARTS_AT), lead, values.get("meeting.timezone"));
            default:
                if (source.startsWith("lead.attributes.")) {
                    return lead.attributes().get(source.substring("lead.attributes.".length()));
                }
                if (source.startsWith(FLOW_VARIABLES)) {
                    Object variable = values.get(source.substring(FLOW_VARIABLES.length()));
                    return variable == null ? null : variable.toString();
                }
                Object value = values.get(source);
                return value == null ? null : value.toString();
        }
    }

    /** A meeting time ({@code Date} or ISO-8601 instant) as the lead reads it, e.g. "7 de mar. de 2026 12:00". */
    static String meetingTime(Object value, Recipient lead, Object meetingTimezone) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Instant at = value instanceof Date date ? date.toInstant() : Instant.parse(value.toString());
        Locale locale = lead.locale() == null ? Locale.ENGLISH : Locale.forLanguageTag(lead.locale());
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(at.atZone(zone(lead.timezone(), meetingTimezone)));
    }

    private static ZoneId zone(String leadTimezone, Object meetingTimezone) {
        for (Object candidate : new Object[] {leadTimezone, meetingTimezone}) {
            if (candidate != null && !candidate.toString().isBlank()) {
                try {
                    return ZoneId.of(candidate.toString());
                } catch (DateTimeException ignored) {
                    // not a zone: try the next one
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
