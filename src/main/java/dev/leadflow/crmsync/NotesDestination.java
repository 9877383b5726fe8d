package dev.leadflow.crmsync;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crmevents.EventDestination;
import dev.leadflow.crmevents.OutboundEvent;
import dev.leadflow.crmevents.Subscriptions;

/**
 * Writes the feed's events back to the CRM record a lead came from, as notes: through the outbox, so
 * retried, in order per lead, never inside a flow's transaction. A CRM adapter extends it with the one
 * call that writes a note; its subscription (id {@code crm:<name>}, kind {@code <name>}) is created at
 * start-up with the event types of its mapping's {@code notes}.
 */
public abstract class NotesDestination implements EventDestination {

    private final String crm;
    private final CrmMapping mapping;
    private final CrmLinks links;
    private final Subscriptions subscriptions;
    private final ObjectMapper json;
    private final Clock clock;

    protected NotesDestination(String crm, CrmMapping mapping, CrmLinks links, Subscriptions subscriptions,
                               ObjectMapper json, Clock clock) {
        this.crm = crm;
        this.mapping = mapping;
        this.links = links;
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
    }

    /** Whether the adapter is configured on; a disabled one neither subscribes nor writes. */
    protected abstract boolean enabled();

    /** Writes one note on the CRM record; throws {@link DeliveryFailedException} to be retried. */
    protected abstract void writeNote(String externalId, String text, JsonNode event);

    @Override
    public String kind() {
        return crm;
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        if (enabled() && !mapping.notes().isEmpty()) {
            subscriptions.ensure("crm:" + crm, crm, new LinkedHashSet<>(mapping.notes()), clock.instant());
        } else {
            // switched off: no more notes queued for it
            subscriptions.deactivate("crm:" + crm);
        }
    }

    @Override
    public void deliver(Subscriptions.Subscription subscription, OutboundEvent event) {
        if (!enabled()) {
            throw new DeliveryFailedException(crm + " is not enabled", java.time.Duration.ofHours(1));
        }
        Optional<String> record = event.leadId() == null ? Optional.empty() : links.externalIdOf(crm, event.leadId());
        if (record.isEmpty()) {
            return; // a lead that did not come from this CRM: nothing to write back
        }
        JsonNode body;
        try {
            body = json.readTree(event.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable outbound event " + event.eventId(), e);
        }
        writeNote(record.get(), NoteText.of(body), body);
    }
}
