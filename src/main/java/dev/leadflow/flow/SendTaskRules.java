package dev.leadflow.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.leadflow.messaging.TemplateCatalog;

/**
 * What a service task must be for Leadflow to run it: bound by delegate expression and, when it is a send,
 * naming a template key of the catalog and a step, and asynchronous before. Checked on the files packaged at
 * start-up and on every deployment (Modeler's Deploy button included), so both say the same thing.
 */
final class SendTaskRules {

    static final String SEND_DELEGATE = "${sendMessage}";
    /** The reusable send step (processes/send-step.bpmn), called by the "with ops fallback" template. */
    static final String SEND_STEP_PROCESS = SendStepFlow.PROCESS_KEY;

    private SendTaskRules() {
    }

    /**
     * @param where names the task for a reader, e.g. {@code welcome.bpmn task 'SendWelcome'}
     * @param inputs the task's input parameters by name (text content)
     */
    static List<String> problems(String where, String delegateExpression, boolean asyncBefore,
            Map<String, String> inputs, TemplateCatalog catalog) {
        List<String> problems = new ArrayList<>();
        if (delegateExpression == null) {
            problems.add(where + " is not bound by delegate expression");
            return problems;
        }
        if (!SEND_DELEGATE.equals(delegateExpression)) {
            return problems;
        }
        String templateKey = inputs.get(FlowVariables.TEMPLATE_KEY);
        if (templateKey == null || templateKey.isBlank()) {
            problems.add(where + " has no templateKey input");
        } else if (!isExpression(templateKey) && catalog.find(templateKey).isEmpty()) {
            problems.add(where + " names template key '" + templateKey
                    + "', which is not in leadflow-templates.yml");
        }
        if (inputs.get(FlowVariables.STEP) == null) {
            problems.add(where + " has no step input");
        }
        if (!asyncBefore) {
            problems.add(where + " must be asyncBefore, so a failed send is a retry, not a rollback");
        }
        return problems;
    }

    /** The building block's own send task takes its key from its caller, where it is checked. */
    private static boolean isExpression(String value) {
        return value.contains("${") || value.contains("#{");
    }
}
