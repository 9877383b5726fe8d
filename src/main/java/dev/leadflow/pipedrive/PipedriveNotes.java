package dev.leadflow.pipedrive;

import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crmevents.Subscriptions;
import dev.leadflow.crmsync.CrmHttp;
import dev.leadflow.crmsync.CrmHttp.CrmApiException;
import dev.leadflow.crmsync.CrmLinks;
import dev.leadflow.crmsync.NotesDestination;
import dev.leadflow.crmsync.TokenBucket;
import dev.leadflow.whatsapp.LocalServer;

/** Leadflow's events written back to the Pipedrive person a lead came from, as notes (API v1 notes). */
@Component
class PipedriveNotes extends NotesDestination {

    static final String CRM = "pipedrive";

    private final PipedriveProperties properties;
    private final LocalServer localServer;
    private final CrmHttp http;

    PipedriveNotes(PipedriveProperties properties, LocalServer localServer, CrmLinks links,
                   Subscriptions subscriptions, ObjectMapper json, Clock clock) {
        super(CRM, properties.mapping(), links, subscriptions, json, clock);
        this.properties = properties;
        this.localServer = localServer;
        this.http = new CrmHttp("Pipedrive", new TokenBucket(properties.rateLimit(), properties.ratePeriod()),
                properties.timeout(), json);
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }

    @Override
    protected void writeNote(String personId, String text, JsonNode event) {
        String base = properties.usesSandbox() ? localServer.baseUrl() + "/sandbox/pipedrive/api"
                : properties.baseUrl();
        try {
            http.post(base + "/v1/notes", "x-api-token", properties.apiToken(),
                    Map.of("content", text, "person_id", Long.parseLong(personId)));
        } catch (CrmApiException e) {
            throw new DeliveryFailedException(e.getMessage(), e.retryAfter());
        }
    }
}
