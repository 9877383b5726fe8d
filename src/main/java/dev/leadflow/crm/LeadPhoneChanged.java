package dev.leadflow.crm;

import java.time.Instant;

/**
 * The lead's WhatsApp number changed (Meta told us the user moved to a new number). Published synchronously,
 * inside the transaction that changed the lead's phone: a listener's writes commit or roll back with it.
 */
public record LeadPhoneChanged(String leadId, String oldPhone, String newPhone, Instant at) {
}
