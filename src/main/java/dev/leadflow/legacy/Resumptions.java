package dev.leadflow.legacy;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.leadflow.flow.FlowPort;
import dev.leadflow.flow.FlowPort.Resumption;
import dev.leadflow.flow.ResumePoint;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;

/**
 * Where a lead the legacy automations were messaging goes on in Leadflow: right after the last step they
 * sent, its next wait due as it would have been. A lead the CRM has not created in Leadflow yet resumes
 * when it does (the welcome start asks {@link #of}).
 */
@Component
class Resumptions implements ResumePoint.Source {

    /** Who sent the steps a lead resumes after, as the flow's history names it. */
    static final String SENT_BY = "the legacy system";

    static final String NOTHING = "nothing to resume: no welcome or follow-up went out";
    static final String CLOSED = "not resumed: closed in the CRM";
    static final String UNKNOWN_STATUS = "not resumed: lead status not in the mapping";
    static final String NO_TIME = "not resumed: the last legacy send has no sent_at";
    static final String NO_CONSENT = "not resumed: no WhatsApp consent in Leadflow";

    private final LegacyFacts facts;
    private final FlowPort flows;
    private final RecipientDirectory leads;
    private final Set<String> closedStatuses;

    Resumptions(LegacyFacts facts, FlowPort flows, RecipientDirectory leads, Environment environment) {
        this.facts = facts;
        this.flows = flows;
        this.leads = leads;
        this.closedStatuses = Binder.get(environment)
                .bind("leadflow.leads.closed-statuses", Bindable.listOf(String.class))
                .orElse(List.of("lost", "closed", "won", "disqualified")).stream()
                .map(status -> status.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** For the welcome start of a lead the CRM creates after the import. */
    @Override
    public Optional<ResumePoint> of(String leadId) {
        List<LegacyFact> leadFacts = facts.ofLead(leadId);
        return progress(leadFacts).map(progress -> blocked(leadFacts, progress)
                .map(reason -> new ResumePoint(progress.flow(), progress.lastStep(), progress.sentAt(), SENT_BY,
                        reason))
                .orElse(progress));
    }

    /** The latest step of a resumable flow that went out (or may have); its time is null when unknown. */
    Optional<ResumePoint> progress(List<LegacyFact> leadFacts) {
        List<LegacyFact> resumable = leadFacts.stream().filter(fact -> fact.status().maybeSent())
                .filter(fact -> flows.resumptionPoint(fact.flow(), fact.step()).isPresent()).toList();
        Optional<LegacyFact> untimed = resumable.stream().filter(fact -> fact.sentAt() == null).findFirst();
        if (untimed.isPresent()) {
            return Optional.of(new ResumePoint(untimed.get().flow(), untimed.get().step(), null, SENT_BY, null));
        }
        return resumable.stream().max(Comparator.comparing(LegacyFact::sentAt))
                .map(fact -> new ResumePoint(fact.flow(), fact.step(), fact.sentAt(), SENT_BY, null));
    }

    /** Why a lead with legacy progress must not start at all: the safe side of what is unclear. */
    private Optional<String> blocked(List<LegacyFact> leadFacts, ResumePoint progress) {
        String latestStatus = leadFacts.stream().filter(fact -> fact.leadStatus() != null)
                .max(Comparator.comparing(LegacyFact::sentAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(LegacyFact::leadStatus).orElse(null);
        if (latestStatus != null && latestStatus.startsWith("?")) {
            return Optional.of(UNKNOWN_STATUS);
        }
        if (latestStatus != null && closedStatuses.contains(latestStatus.toLowerCase(Locale.ROOT))) {
            return Optional.of(CLOSED);
        }
        return progress.sentAt() == null ? Optional.of(NO_TIME) : Optional.empty();
    }

    /** Decides (and unless a dry run, does) the lead's resumption; answers the outcome for the report. */
    String resume(String leadId, List<LegacyFact> leadFacts, boolean dryRun) {
        Optional<ResumePoint> progress = progress(leadFacts);
        if (progress.isEmpty()) {
            return NOTHING;
        }
        Optional<String> blocked = blocked(leadFacts, progress.get());
        if (blocked.isPresent()) {
            return blocked.get();
        }
        String waitAt = flows.resumptionPoint(progress.get().flow(), progress.get().lastStep()).orElseThrow();
        Optional<Recipient> lead = leads.find(leadId);
        if (lead.isEmpty()) {
            return "resumes at " + waitAt + " when the CRM creates the lead";
        }
        if (!lead.get().consented()) {
            return NO_CONSENT;
        }
        Resumption resumption = flows.resumeAfter(leadId, progress.get(), dryRun);
        return resumption.started() ? "resumed at " + resumption.waitingAt() : resumption.detail();
    }

    /** The step a lead with this progress waits at in Leadflow. */
    Optional<String> pointOf(ResumePoint progress) {
        return flows.resumptionPoint(progress.flow(), progress.lastStep());
    }
}
