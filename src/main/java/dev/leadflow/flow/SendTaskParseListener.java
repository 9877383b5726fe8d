package dev.leadflow.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

import dev.leadflow.messaging.TemplateCatalog;

/**
 * Refuses a deployment whose send steps (service tasks, calls of the reusable send step) Leadflow cannot run
 * (an unknown template key, a send that is not asynchronous...), whichever way it arrives: the files packaged
 * at start-up, {@code /engine-rest} or Modeler's Deploy button. The engine answers with a parse error naming
 * each task by its label, id and line.
 */
class SendTaskParseListener extends AbstractBpmnParseListener {

    static final String REFUSED = "This flow was not deployed: ";

    private final TemplateCatalog catalog;

    SendTaskParseListener(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
        List<String> problems = new ArrayList<>();
        Element firstBroken = null;
        for (Element call : elements(rootElement, "callActivity", new ArrayList<>())) {
            if (!SendTaskRules.SEND_STEP_PROCESS.equals(call.attribute("calledElement"))) {
                continue;
            }
            List<String> found = SendTaskRules.problems(describe(call), SendTaskRules.SEND_DELEGATE, true,
                    callInputs(call), catalog);
            if (!found.isEmpty() && firstBroken == null) {
                firstBroken = call;
            }
            problems.addAll(found);
        }
        for (Element task : elements(rootElement, "serviceTask", new ArrayList<>())) {
            List<String> found = SendTaskRules.problems(describe(task),
                    task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression"),
                    Boolean.parseBoolean(task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "asyncBefore")),
                    inputParameters(task), catalog);
            if (!found.isEmpty() && firstBroken == null) {
                firstBroken = task;
            }
            problems.addAll(found);
        }
        if (!problems.isEmpty()) {
            throw new BpmnParseException(REFUSED + String.join("; ", problems), firstBroken);
        }
    }

    /** As an analyst sees the task in Modeler: its label first, then the id and line to find it. */
    private static String describe(Element task) {
        String name = task.attribute("name");
        String id = task.attribute("id");
        return "task '" + (name == null ? id : name) + "' (" + id + ", line " + task.getLine() + ")";
    }

    private static List<Element> elements(Element element, String tagName, List<Element> found) {
        for (Element child : element.elements()) {
            if (tagName.equals(child.getTagName())) {
                found.add(child);
            }
            elements(child, tagName, found);
        }
        return found;
    }

    /** What a call of the reusable send step gives it: {@code camunda:in} by target, its expression as written. */
    private static Map<String, String> callInputs(Element call) {
        Map<String, String> inputs = new HashMap<>();
        Element extensions = call.element("extensionElements");
        if (extensions == null) {
            return inputs;
        }
        for (Element in : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "in")) {
            String value = in.attribute("sourceExpression") != null ? in.attribute("sourceExpression")
                    : in.attribute("source");
            if (in.attribute("target") != null && value != null) {
                inputs.putIfAbsent(in.attribute("target"), value);
            }
        }
        return inputs;
    }

    private static Map<String, String> inputParameters(Element task) {
        Map<String, String> inputs = new HashMap<>();
        Element extensions = task.element("extensionElements");
        if (extensions == null) {
            return inputs;
        }
        for (Element io : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput")) {
            for (Element parameter : io.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter")) {
                inputs.putIfAbsent(parameter.attribute("name"), parameter.getText().strip());
            }
        }
        return inputs;
    }
}
