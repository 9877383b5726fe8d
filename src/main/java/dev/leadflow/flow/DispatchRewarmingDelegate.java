package dev.leadflow.flow;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The rewarming dispatcher's one step: start the round, record how many leads it took. */
@Component("dispatchRewarming")
class DispatchRewarmingDelegate implements JavaDelegate {

    private final RewarmingDispatcher dispatcher;
    private final Clock clock;

    DispatchRewarmingDelegate(RewarmingDispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(RewarmingFlow.LEADS_DISPATCHED, dispatcher.dispatch(clock.instant()));
    }
}
