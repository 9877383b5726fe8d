package dev.leadflow.access;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A flow may hand work only to groups that exist: a user task's candidate groups, and the group an escalation
 * ({@code escalateTo}) names, must be configured groups. Checked at start-up and at every deployment, so a
 * typo in Modeler does not leave a task nobody sees.
 */
final class CandidateGroupCheck extends AbstractBpmnParseListener {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String ESCALATE_TO = "escalateTo";

    private final Set<String> groups;

    CandidateGroupCheck(Set<String> groups) {
        this.groups = groups;
    }

    @Override
    public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
        check(rootElement, rootElement);
    }

    private void check(Element element, Element owner) {
        Element described = element.attribute("id") != null ? element : owner;
        String candidates = element.attribute(CAMUNDA_NS + ":candidateGroups");
        if (candidates != null) {
            Arrays.stream(candidates.split(",")).map(String::trim).forEach(group -> checkGroup(described, group));
        }
        if (element.getTagName().equals("inputParameter") && ESCALATE_TO.equals(element.attribute("name"))) {
            checkGroup(described, element.getText().trim());
        }
        for (Element child : element.elements()) {
            check(child, described);
        }
    }

    private void checkGroup(Element element, String group) {
        if (group.isEmpty() || group.contains("${") || group.contains("#{") || groups.contains(group)) {
            return;
        }
        throw new BpmnParseException(describe(element) + " gives its task to group '" + group
                + "', which is not configured; configured groups: " + String.join(", ", groups)
                + " (operator groups: leadflow.security.operator-groups)", element);
    }

    private static String describe(Element element) {
        String tag = element.getTagName();
        String kind = Character.toUpperCase(tag.charAt(0)) + tag.substring(1).replaceAll("([A-Z])", " $1")
                .toLowerCase(Locale.ROOT);
        String name = element.attribute("name");
        return name == null || name.isBlank() ? kind + " '" + element.attribute("id") + "'"
                : kind + " '" + name.replaceAll("\\s+", " ").trim() + "' (" + element.attribute("id") + ")";
    }
}
