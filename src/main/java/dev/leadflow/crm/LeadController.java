package dev.leadflow.crm;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** The CRM's entry: leads and their events (contract.md). */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    static final String LEAD_ID_PATTERN = "[A-Za-z0-9._-]{1,128}";

    private final LeadService leads;
    private final CrmEventService events;
    private final LeadIdentityStore identities;

    LeadController(LeadService leads, CrmEventService events, LeadIdentityStore identities) {
        this.leads = leads;
        this.events = events;
        this.identities = identities;
    }

    @PutMapping("/{leadId}")
    ResponseEntity<LeadView> put(@PathVariable String leadId, @Valid @RequestBody LeadRequest request) {
        checkLeadId(leadId);
        LeadService.Result result = leads.upsert(leadId, request);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(LeadView.of(result.lead()));
    }

    @GetMapping("/{leadId}")
    LeadView get(@PathVariable String leadId) {
        Lead lead = leads.get(leadId);
        return LeadView.of(lead, identities.identityOf(leadId).orElse(null));
    }

    @PostMapping("/{leadId}/events")
    ResponseEntity<Map<String, Object>> event(@PathVariable String leadId,
                                              @Valid @RequestBody CrmEventRequest event) {
        checkLeadId(leadId);
        CrmEventService.Accepted accepted = events.accept(leadId, event);
        return ResponseEntity.status(accepted.firstTime() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(accepted.result());
    }

    private static void checkLeadId(String leadId) {
        if (!leadId.matches(LEAD_ID_PATTERN)) {
            throw new InvalidFieldException("leadId", "1 to 128 letters, digits, '.', '_' or '-'");
        }
    }
}
