package dev.leadflow.crm;

import java.time.Instant;

/** A lead's phone number changed; published inside the transaction that changed it. */
public record LeadPhoneChanged(String leadId, String oldPhone, String newPhone, Instant at) {
}
