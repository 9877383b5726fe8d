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

/**
 * Binds a template's parameter expressions to values: {@code lead.name}, {@code lead.owner},
 * {@code lead.phone}, {@code lead.attributes.<name>}, or any name the flow passes (for example
 * {@code meeting.startsAt}). {@code expression|fallback} gives a value for when the source is empty.
 * {@code meeting.startsAt} is shown in the lead's timezone (else the meeting's) and locale.
 */
final class TemplateParameters {

    private static final String MEETING_STARTS_AT = "meeting.startsAt";

    private TemplateParameters() {
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
            case MEETING_STARTS_AT:
                return meetingTime(values.get(MEETING_STARTS_AT), lead, values.get("meeting.timezone"));
            default:
                if (source.startsWith("lead.attributes.")) {
                    return lead.attributes().get(source.substring("lead.attributes.".length()));
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
