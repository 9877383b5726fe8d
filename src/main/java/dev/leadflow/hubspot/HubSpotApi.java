package dev.leadflow.hubspot;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crmsync.CrmHttp;
import dev.leadflow.crmsync.TokenBucket;
import dev.leadflow.whatsapp.LocalServer;

/** The few calls of HubSpot's CRM API (v3 objects, v4 associations) the adapter makes, within its rate limit. */
@Component
class HubSpotApi {

    static final String MEETING_PROPERTIES =
            "hs_meeting_title,hs_meeting_start_time,hs_meeting_end_time,hs_meeting_outcome,hs_meeting_external_url";
    /** HubSpot's association type of a note to a contact. */
    static final int NOTE_TO_CONTACT = 202;

    private final HubSpotProperties properties;
    private final LocalServer localServer;
    private final CrmHttp http;

    HubSpotApi(HubSpotProperties properties, LocalServer localServer, ObjectMapper json) {
        this.properties = properties;
        this.localServer = localServer;
        this.http = new CrmHttp("HubSpot", new TokenBucket(properties.rateLimit(), properties.ratePeriod()),
                properties.timeout(), json);
    }

    JsonNode contact(String id, Collection<String> propertyNames) {
        return http.get(base() + "/crm/v3/objects/contacts/" + encode(id) + "?properties="
                + encode(String.join(",", propertyNames)), "Authorization", bearer());
    }

    JsonNode meeting(String id) {
        return http.get(base() + "/crm/v3/objects/meetings/" + encode(id) + "?properties=" + MEETING_PROPERTIES
                + "&associations=contacts", "Authorization", bearer());
    }

    List<String> contactsOfDeal(String dealId) {
        JsonNode answer = http.get(base() + "/crm/v4/objects/deals/" + encode(dealId) + "/associations/contacts",
                "Authorization", bearer());
        List<String> contacts = new ArrayList<>();
        answer.path("results").forEach(result -> contacts.add(result.path("toObjectId").asText()));
        return contacts;
    }

    void createNote(String contactId, String text, Instant at) {
        Map<String, Object> note = Map.of(
                "properties", Map.of("hs_timestamp", at.toString(), "hs_note_body", text),
                "associations", List.of(Map.of(
                        "to", Map.of("id", contactId),
                        "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED",
                                "associationTypeId", NOTE_TO_CONTACT)))));
        http.post(base() + "/crm/v3/objects/notes", "Authorization", bearer(), note);
    }

    private String base() {
        return properties.usesSandbox() ? localServer.baseUrl() + "/sandbox/hubspot" : properties.baseUrl();
    }

    private String bearer() {
        return "Bearer " + properties.accessToken();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
