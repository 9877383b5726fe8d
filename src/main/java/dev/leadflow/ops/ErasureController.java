package dev.leadflow.ops;

import java.security.Principal;

import org.slf4j.MDC;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.observability.LeadMdc;

/**
 * {@code DELETE /api/leads/{leadId}}: erases the lead's history, ledger entries and personal data
 * (see {@link LeadErasure}). Answers 200 with what was removed, also when nothing was left to remove.
 */
@RestController
class ErasureController {

    /** The CRM API's lead id syntax. */
    private static final String LEAD_ID_PATTERN = "[A-Za-z0-9._-]{1,128}";

    private final LeadErasure erasure;

    ErasureController(LeadErasure erasure) {
        this.erasure = erasure;
    }

    @DeleteMapping("/api/leads/{leadId}")
    ErasureReport erase(@PathVariable String leadId, Principal principal) {
        // the erasure is logged with the lead's hash only
        MDC.remove(LeadMdc.KEY);
        if (!leadId.matches(LEAD_ID_PATTERN)) {
            throw new InvalidFieldException("leadId", "1 to 128 letters, digits, '.', '_' or '-'");
        }
        return erasure.erase(leadId, principal == null ? "unknown" : principal.getName());
    }
}
