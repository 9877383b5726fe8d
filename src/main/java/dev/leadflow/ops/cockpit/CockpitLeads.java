package dev.leadflow.ops.cockpit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.observability.PhoneMasking;
import dev.leadflow.ops.StuckLeads;
import dev.leadflow.tracking.StepNames;
import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineService;

/**
 * What the Cockpit pages say about leads: who they are (name, masked phone, time zone) with their story, and
 * the stuck leads by name, with step names instead of diagram ids.
 */
@Component
public class CockpitLeads {

    private final RecipientDirectory leads;
    private final TimelineService timeline;
    private final StuckLeads stuckLeads;
    private final StepNames names;

    CockpitLeads(RecipientDirectory leads, TimelineService timeline, StuckLeads stuckLeads, StepNames names) {
        this.leads = leads;
        this.timeline = timeline;
        this.stuckLeads = stuckLeads;
        this.names = names;
    }

    /** The lead and its timeline, oldest first; empty for an unknown lead. */
    public Optional<LeadTimeline> timeline(String leadId) {
        return leads.find(leadId).map(lead -> new LeadTimeline(about(lead),
                timeline.timeline(leadId).stream().map(this::entry).toList()));
    }

    /** The stuck leads, each with its name, and every reason with its flow's and step's names. */
    public StuckReport stuck(java.time.Duration waitingLongerThan, int limit) {
        StuckLeads.Report report = stuckLeads.find(waitingLongerThan, limit);
        Map<String, Lead> about = report.leads().stream().map(StuckLeads.StuckLead::leadId).distinct()
                .map(leads::find).flatMap(Optional::stream).map(CockpitLeads::about)
                .collect(Collectors.toMap(Lead::id, Function.identity()));
        List<StuckLead> stuck = report.leads().stream().map(lead -> new StuckLead(lead.leadId(),
                Optional.ofNullable(about.get(lead.leadId())).map(Lead::name).orElse(null), lead.since(),
                lead.reasons().stream().map(this::reason).toList())).toList();
        return new StuckReport(report.generatedAt(), report.waitingLongerThan(), report.held(), stuck);
    }

    private Reason reason(StuckLeads.Reason r) {
        String step = r.step() != null ? r.step() : names.ofStep(r.flow(), r.stepId());
        return new Reason(r.why(), r.flow(), names.ofFlow(r.flow()), r.instanceId(), r.stepId(), step, r.since(),
                r.detail());
    }

    private Entry entry(TimelineEntry e) {
        return new Entry(e.at(), e.kind(), e.flow(), names.ofFlow(e.flow()), e.step(),
                names.ofStep(e.flow(), e.step()), e.detail());
    }

    private static Lead about(Recipient lead) {
        return new Lead(lead.leadId(), lead.name(), PhoneMasking.mask(lead.phone()), lead.timezone(), lead.locale());
    }

    /** @param phone masked, as everywhere outside the lead's own record */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lead(String id, String name, String phone, String timeZone, String locale) {
    }

    public record LeadTimeline(Lead lead, List<Entry> entries) {
    }

    /** A timeline entry with the names a person reads beside the ids. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, TimelineEntry.Kind kind, String flow, String flowName, String step, String stepName,
                        String detail) {
    }

    public record StuckReport(Instant generatedAt, java.time.Duration waitingLongerThan,
                              List<dev.leadflow.messaging.OperatorHolds.HeldSubject> held, List<StuckLead> leads) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StuckLead(String leadId, String name, Instant since, List<Reason> reasons) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(StuckLeads.Why why, String flow, String flowName, String instanceId, String stepId,
                         String step, Instant since, String detail) {
    }
}
