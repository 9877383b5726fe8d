package dev.leadflow.crm;

import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/leads/{leadId}/events}. */
record CrmEventRequest(
        @NotBlank @Size(max = 200) String eventId,
        @NotNull CrmEventType type,
        OffsetDateTime occurredAt,
        @Valid Meeting meeting,
        @Size(max = 100) String status) {

    record Meeting(
            @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only")
            String id,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            @Size(max = 64) String timezone,
            @Size(max = 2000) String joinUrl) {
    }
}
