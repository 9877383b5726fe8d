package dev.leadflow.flow;

import java.time.Instant;
import java.util.List;

/** The lead directory as rewarming sees it; implemented where leads are kept. */
public interface RewarmingCandidates {

    /** A flow ended without a response from the lead: it may be rewarmed once it stalls. */
    void markCandidate(String leadId, Instant at);

    /**
     * Candidates without activity since {@code inactiveSince} (no reply, no CRM update or event), with an open
     * status and WhatsApp consent, longest stalled first.
     */
    List<String> stalledSince(Instant inactiveSince, int limit);
}
