package dev.leadflow.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.IdempotencyKey;

/**
 * The interventions on Camunda 7. The operator is the engine's authenticated user while each one runs, so
 * the user operation log records who suspended, modified, re-timed or deleted what.
 */
@Component
class CamundaFlowInterventions implements FlowInterventions {

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{(\\w+)}");

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final RepositoryService repository;
    private final IdentityService identity;
    private final TaskService tasks;

    CamundaFlowInterventions(RuntimeService runtime, HistoryService history, ManagementService management,
                             RepositoryService repository, IdentityService identity, TaskService tasks) {
        this.runtime = runtime;
        this.history = history;
        this.management = management;
        this.repository = repository;
        this.identity = identity;
        this.tasks = tasks;
    }

    @Override
    public List<String> pauseLead(String leadId, String operator) {
        List<String> ids = runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).active().list()
                .stream().map(ProcessInstance::getId).toList();
        if (ids.isEmpty()) {
            throw new FlowInterventionException(false, "lead " + leadId + " has no running flow to pause");
        }
        asOperator(operator, () -> ids.forEach(runtime::suspendProcessInstanceById));
        return ids;
    }

    @Override
    public List<String> resumeLead(String leadId, String operator) {
        List<String> ids = runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).suspended().list()
                .stream().map(ProcessInstance::getId).toList();
        if (ids.isEmpty()) {
            throw new FlowInterventionException(false, "lead " + leadId + " has no paused flow to resume");
        }
        asOperator(operator, () -> ids.forEach(runtime::activateProcessInstanceById));
        return ids;
    }

    @Override
    public Optional<String> leadOfRunningFlow(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).list().stream()
                .findFirst().map(ProcessInstance::getBusinessKey);
    }

    @Override
    public String skipWaitingStep(String processInstanceId, String stepId, String operator, String reason) {
        ProcessInstance instance = activeInstance(processInstanceId);
        List<String> waiting = waitingSteps(runtime.getActivityInstance(processInstanceId));
        String step;
        if (stepId != null) {
            if (!waiting.contains(stepId)) {
                throw new FlowInterventionException(false, "the flow does not wait at " + stepId + "; it waits at "
                        + waiting);
            }
            step = stepId;
        } else if (waiting.size() == 1) {
            step = waiting.get(0);
        } else {
            throw new FlowInterventionException(false, waiting.isEmpty() ? "the flow waits at no step"
                    : "the flow waits at several steps: name one of " + waiting + " as step");
        }
        BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        FlowNode node = model.getModelElementById(step);
        String after = wayOut(model, node);
        asOperator(operator, () -> {
            var modification = runtime.createProcessInstanceModification(processInstanceId)
                    .cancelAllForActivity(step)
                    .startAfterActivity(after);
            // the engine refuses a null annotation: a skip without a reason has none
            (reason == null ? modification : modification.setAnnotation(reason)).execute();
        });
        return after.equals(step) ? "skipped " + name(node) : "skipped " + name(node) + " by its path "
                + name(model.getModelElementById(after));
    }

    @Override
    public String runWaitingStepNow(String processInstanceId, String operator) {
        activeInstance(processInstanceId);
        Date now = ClockUtil.getCurrentTime();
        Optional<Job> next = management.createJobQuery().processInstanceId(processInstanceId).active().list().stream()
                .filter(job -> job.getRetries() == 0 || (job.getDuedate() != null && job.getDuedate().after(now)))
                .min(Comparator.comparing(job -> job.getDuedate() == null ? now : job.getDuedate()));
        if (next.isEmpty()) {
            throw new FlowInterventionException(false, "no timer or deferred step of this flow waits");
        }
        Job job = next.get();
        asOperator(operator, () -> {
            if (job.getRetries() == 0) {
                management.setJobRetries(job.getId(), 1);
            }
            management.setJobDuedate(job.getId(), now);
        });
        String activity = job.getFailedActivityId() != null ? job.getFailedActivityId() : jobActivity(job);
        return "made " + activity + " due now" + (job.getDuedate() != null ? " (was due " + job.getDuedate().toInstant()
                + ")" : "") + (job.getRetries() == 0 ? " with one more try" : "");
    }

    @Override
    public String cancel(String processInstanceId, String operator, String reason) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            throw new FlowInterventionException(true, "no running flow " + processInstanceId);
        }
        String why = "cancelled by operator " + operator + (reason == null || reason.isBlank() ? "" : ": " + reason);
        asOperator(operator, () -> runtime.deleteProcessInstance(processInstanceId, why));
        return why;
    }

    @Override
    public Optional<String> messageSentAgain(String leadId, String flow, String stepKey, String operator,
                                             String result, boolean sent) {
        List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey(flow).list().stream().map(ProcessInstance::getId).toList();
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        List<String> done = new ArrayList<>();
        for (Task task : tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
                .taskVariableValueEquals(FlowVariables.FAILED_SEND_KEY, stepKey).list()) {
            String note = (sent ? "Sent again by " : "Tried again by ") + operator + ": " + result;
            if (sent && !task.isSuspended()) {
                asOperator(operator, () -> tasks.complete(task.getId(), Map.of(
                        FlowVariables.SEND_FAILURE_DECISION, SendFailureDecision.RETRY, FlowVariables.OPS_NOTE, note)));
                done.add("completed the task \"" + task.getName() + "\" (the flow goes on: the message is sent)");
            } else {
                tasks.setVariableLocal(task.getId(), FlowVariables.RESENT, note);
                done.add("noted it on the task \"" + task.getName() + "\"");
            }
        }
        if (sent) {
            for (String instance : instances) {
                for (Job stopped : management.createJobQuery().processInstanceId(instance).noRetriesLeft().list()) {
                    if (stepKey.equals(sendKeyOf(leadId, flow, stopped))) {
                        asOperator(operator, () -> {
                            management.setJobRetries(stopped.getId(), 1);
                            management.setJobDuedate(stopped.getId(), ClockUtil.getCurrentTime());
                        });
                        done.add("gave the stopped step one more try (it finds the message sent and goes on)");
                    }
                }
            }
        }
        return done.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", done));
    }

    /** The idempotency key the send step of this job sends under, or null when the job is no send step. */
    private String sendKeyOf(String leadId, String flow, Job job) {
        String activityId = job.getFailedActivityId() != null ? job.getFailedActivityId() : jobActivity(job);
        BpmnModelInstance model = repository.getBpmnModelInstance(job.getProcessDefinitionId());
        if (!(model.getModelElementById(activityId) instanceof FlowNode node)) {
            return null;
        }
        Map<String, String> inputs = new HashMap<>();
        node.getChildElementsByType(ExtensionElements.class).stream()
                .flatMap(extensions -> extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list()
                        .stream())
                .flatMap(io -> io.getCamundaInputParameters().stream())
                .forEach(parameter -> inputs.put(parameter.getCamundaName(), parameter.getTextContent().strip()));
        String step = inputs.get(FlowVariables.STEP);
        if (step == null) {
            return null;
        }
        String scope = inputs.containsKey(FlowVariables.SEND_SCOPE)
                ? withVariables(inputs.get(FlowVariables.SEND_SCOPE), job.getExecutionId())
                : (String) runtime.getVariable(job.getExecutionId(), FlowVariables.SEND_SCOPE);
        return IdempotencyKey.of(leadId, flow, step, scope);
    }

    /** A send scope such as {@code ${meetingId}@${meetingStartsAt}} with the flow's values in place. */
    private String withVariables(String expression, String executionId) {
        return VARIABLE.matcher(expression).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                String.valueOf(runtime.getVariable(executionId, match.group(1)))));
    }

    @Override
    public Map<String, Object> templateValuesOfLatest(String leadId, String flow) {
        List<HistoricProcessInstance> latest = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(leadId).processDefinitionKey(flow)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1);
        Map<String, Object> variables = new HashMap<>();
        if (!latest.isEmpty()) {
            history.createHistoricVariableInstanceQuery().processInstanceId(latest.get(0).getId()).list().stream()
                    .filter(variable -> variable.getValue() != null)
                    .forEach(variable -> variables.putIfAbsent(variable.getName(), variable.getValue()));
        }
        return SendMessageDelegate.templateValues(variables);
    }

    private ProcessInstance activeInstance(String processInstanceId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            throw new FlowInterventionException(true, "no running flow " + processInstanceId);
        }
        if (instance.isSuspended()) {
            throw new FlowInterventionException(false, "the flow is paused: resume the lead first");
        }
        return instance;
    }

    /** The steps the flow stands at: leaves of its activity tree and asynchronous steps not yet run. */
    private static List<String> waitingSteps(ActivityInstance tree) {
        List<String> steps = new ArrayList<>();
        collect(tree, steps);
        return steps.stream().distinct().toList();
    }

    private static void collect(ActivityInstance instance, List<String> steps) {
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
            steps.add(transition.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
                steps.add(child.getActivityId());
            } else {
                collect(child, steps);
            }
        }
    }

    /**
     * Where the flow goes on: after the timer of an event-based wait or of a boundary timer (the "no
     * answer" path), else after the step itself when it has one way out.
     */
    private static String wayOut(BpmnModelInstance model, FlowNode node) {
        if (node instanceof EventBasedGateway) {
            return node.getSucceedingNodes().list().stream()
                    .filter(next -> next instanceof IntermediateCatchEvent catchEvent
                            && !catchEvent.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                    .map(FlowNode::getId).findFirst()
                    .orElseThrow(() -> new FlowInterventionException(false, name(node)
                            + " waits for a message only: there is no path to skip to"));
        }
        Optional<String> timer = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(boundary -> boundary.getAttachedTo() == node)
                .filter(boundary -> !boundary.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                .map(BoundaryEvent::getId).findFirst();
        if (timer.isPresent()) {
            return timer.get();
        }
        if (node.getOutgoing().size() == 1) {
            return node.getId();
        }
        throw new FlowInterventionException(false, name(node) + " has " + node.getOutgoing().size()
                + " ways out: skipping it would have to choose one");
    }

    private String jobActivity(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).list().stream()
                .findFirst().map(definition -> definition.getActivityId()).orElse("the step");
    }

    private static String name(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
        if (element instanceof FlowNode node && node.getName() != null) {
            return "\"" + node.getName() + "\" (" + node.getId() + ")";
        }
        return element.getAttributeValue("id");
    }

    private void asOperator(String operator, Runnable work) {
        asOperator(operator, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs as the operator, with their Camunda groups (so their authorizations apply and Camunda's operation
     * log names them), and restores whoever was authenticated before (Cockpit's user, for one).
     */
    private <T> T asOperator(String operator, Supplier<T> work) {
        Authentication before = identity.getCurrentAuthentication();
        java.util.List<String> groups = identity.createGroupQuery().groupMember(operator).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        identity.setAuthentication(operator, groups);
        try {
            return work.get();
        } finally {
            if (before != null) {
                identity.setAuthentication(before);
            } else {
                identity.clearAuthentication();
            }
        }
    }
}
