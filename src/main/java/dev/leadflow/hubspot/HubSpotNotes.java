package dev.leadflow.hubspot;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crmevents.Subscriptions;
import dev.leadflow.crmsync.CrmHttp.CrmApiException;
import dev.leadflow.crmsync.CrmLinks;
import dev.leadflow.crmsync.NotesDestination;

/** Leadflow's events written back to the HubSpot contact a lead came from, as notes on its timeline. */
@Component
class HubSpotNotes extends NotesDestination {

    static final String CRM = "hubspot";

    private final HubSpotApi api;
    private final HubSpotProperties properties;

    HubSpotNotes(HubSpotProperties properties, HubSpotApi api, CrmLinks links, Subscriptions subscriptions,
                 ObjectMapper json, Clock clock) {
        super(CRM, properties.mapping(), links, subscriptions, json, clock);
        this.api = api;
        this.properties = properties;
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }

    @Override
    protected void writeNote(String contactId, String text, JsonNode event) {
        try {
            api.createNote(contactId, text, Instant.parse(event.path("occurredAt").asText()));
        } catch (CrmApiException e) {
            if (e.status() == 404) {
                return; // the contact was deleted in HubSpot: nowhere to write
            }
            throw new DeliveryFailedException(e.getMessage(), e.retryAfter());
        }
    }
}
