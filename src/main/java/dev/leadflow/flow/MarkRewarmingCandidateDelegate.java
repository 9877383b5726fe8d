package dev.leadflow.flow;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A flow ended without a response: the lead becomes a rewarming candidate. */
@Component("markRewarmingCandidate")
class MarkRewarmingCandidateDelegate implements JavaDelegate {

    private final RewarmingCandidates candidates;
    private final Clock clock;

    MarkRewarmingCandidateDelegate(RewarmingCandidates candidates, Clock clock) {
        this.candidates = candidates;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        candidates.markCandidate(execution.getProcessBusinessKey(), clock.instant());
    }
}
