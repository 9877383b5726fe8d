package dev.leadflow.crmsync;

import java.util.List;
import java.util.Map;

/**
 * How one CRM's records become Leadflow's leads and events: configuration, not code (docs/hubspot.md,
 * docs/pipedrive.md, "Another CRM").
 *
 * @param leadIdPrefix  a CRM record {@code 123} becomes the lead {@code <prefix>123}
 * @param fields        Leadflow's lead field (phone, name, locale, timezone, status, owner, consent) to the
 *                      CRM record's field: a dot path ({@code properties.phone}, {@code phones[0].value}) or a
 *                      template of paths ({@code "{firstname} {lastname}"})
 * @param attributes    template attributes of the lead to the CRM record's field, as {@code fields}
 * @param consentValues the values of the consent field that mean "agreed to WhatsApp"
 * @param statuses      a CRM status or stage word (any case) to a Leadflow event type (DEAL_WON, DEAL_LOST,
 *                      STATUS_CHANGED, ...); a word not listed is sent as STATUS_CHANGED
 * @param meetingOutcomes a CRM meeting outcome (any case) to a Leadflow event type (MEETING_COMPLETED, ...)
 * @param notes         the feed's event types written back to the CRM record as notes
 */
public record CrmMapping(
        String leadIdPrefix,
        Map<String, String> fields,
        Map<String, String> attributes,
        List<String> consentValues,
        Map<String, String> statuses,
        Map<String, String> meetingOutcomes,
        List<String> notes) {

    public CrmMapping {
        leadIdPrefix = leadIdPrefix == null ? "" : leadIdPrefix;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        consentValues = consentValues == null ? List.of("true", "yes") : List.copyOf(consentValues);
        statuses = statuses == null ? Map.of() : lowerKeys(statuses);
        meetingOutcomes = meetingOutcomes == null ? Map.of() : lowerKeys(meetingOutcomes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The Leadflow event type a status word stands for. */
    public String eventForStatus(String word) {
        return word == null ? null : statuses.getOrDefault(word.toLowerCase(java.util.Locale.ROOT), "STATUS_CHANGED");
    }

    /** The Leadflow event type of a meeting outcome, or null when it means nothing to the flows. */
    public String eventForMeetingOutcome(String outcome) {
        return outcome == null ? null : meetingOutcomes.get(outcome.toLowerCase(java.util.Locale.ROOT));
    }

    private static Map<String, String> lowerKeys(Map<String, String> map) {
        Map<String, String> lower = new java.util.HashMap<>();
        map.forEach((key, value) -> lower.put(key.toLowerCase(java.util.Locale.ROOT), value));
        return Map.copyOf(lower);
    }
}
