package dev.leadflow.crm;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /api/leads/{leadId}}. */
record LeadRequest(
        @NotBlank @Size(max = 40) String phone,
        @Size(max = 200) String name,
        @Size(max = 35) String locale,
        @Size(max = 64) String timezone,
        @Size(max = 100) String status,
        @Valid Consent consent,
        @Size(max = 200) String owner,
        @Size(max = 200) String source,
        @Size(max = 100) Map<@Size(max = 100) String, @Size(max = 1000) String> attributes) {

    record Consent(@NotNull Boolean whatsapp, OffsetDateTime at) {
    }

    boolean consented() {
        return consent != null && Boolean.TRUE.equals(consent.whatsapp());
    }
}
