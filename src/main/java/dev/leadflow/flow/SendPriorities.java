package dev.leadflow.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.core.variable.mapping.value.ParameterValueProvider;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.TemplateCatalog;

/**
 * Job priorities by what a message is for, so that a reminder or a booking confirmation due now is taken
 * before a queue of marketing sends (a campaign's 10,000 welcomes). A send job takes its template's category:
 * utility and authentication sends come first; a flow's other jobs (its timers) take the highest category of
 * the flow's sends, so a reminder's timer is not stuck behind the welcomes either. A {@code camunda:jobPriority}
 * in the BPMN, or an operator's priority on a job definition, still wins. The job executor acquires by
 * priority (then by due date), so the order holds across the cluster.
 */
@Component
public class SendPriorities extends AbstractProcessEnginePlugin {

    public static final long UTILITY = 100;
    public static final long MARKETING = 0;

    private final TemplateCatalog catalog;

    SendPriorities(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setJobPriorityProvider(new ByCategory(catalog));
        configuration.setProducePrioritizedJobs(true);
        configuration.setJobExecutorAcquireByPriority(true);
    }

    static final class ByCategory extends DefaultJobPriorityProvider {

        private final TemplateCatalog catalog;
        private final Map<String, Long> flowPriorities = new ConcurrentHashMap<>();

        ByCategory(TemplateCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        protected Long getSpecificPriority(ExecutionEntity execution, JobDeclaration<?, ?> declaration,
                                           String jobDefinitionId) {
            Long specific = super.getSpecificPriority(execution, declaration, jobDefinitionId);
            if (specific != null || execution == null || declaration == null || declaration.getActivity() == null) {
                return specific;
            }
            ActivityImpl activity = declaration.getActivity();
            return sendPriority(activity, execution).orElseGet(() -> flowPriority(activity, execution));
        }

        private long flowPriority(ActivityImpl activity, VariableScope scope) {
            ScopeImpl flow = activity.getProcessDefinition();
            return flowPriorities.computeIfAbsent(flow.getId(), id -> highestSendPriority(flow.getActivities(), scope));
        }

        private long highestSendPriority(List<ActivityImpl> activities, VariableScope scope) {
            long highest = MARKETING;
            for (ActivityImpl activity : activities) {
                highest = Math.max(highest, sendPriority(activity, scope).orElse(MARKETING));
                highest = Math.max(highest, highestSendPriority(activity.getActivities(), scope));
            }
            return highest;
        }

        /** The priority of a send step, from its template's category; empty for any other activity. */
        private Optional<Long> sendPriority(ActivityImpl activity, VariableScope scope) {
            if (activity.getIoMapping() == null) {
                return Optional.empty();
            }
            for (InputParameter parameter : activity.getIoMapping().getInputParameters()) {
                ParameterValueProvider value = parameter.getValueProvider();
                if (FlowVariables.TEMPLATE_KEY.equals(parameter.getName()) && !value.isDynamic()) {
                    return catalog.find(String.valueOf(value.getValue(scope)))
                            .map(template -> template.getCategory() == TemplateCatalog.Category.MARKETING
                                    ? MARKETING : UTILITY);
                }
            }
            return Optional.empty();
        }
    }
}
