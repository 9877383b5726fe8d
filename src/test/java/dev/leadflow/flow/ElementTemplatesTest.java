package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Camunda Modeler shows a templated element's form only when its registry finds the template by the element's
 * {@code camunda:modelerTemplate} id AND {@code camunda:modelerTemplateVersion} (a template without a version
 * is found only by an element without one). This test builds the registry the way Modeler does from
 * processes/.camunda/element-templates and looks every templated element of processes/*.bpmn up in it.
 */
class ElementTemplatesTest {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String NO_VERSION = "_";
    private static final Path PROCESSES = Path.of("processes");
    private static final Path TEMPLATES = PROCESSES.resolve(".camunda/element-templates");

    private final Map<String, Map<String, JsonNode>> registry = registry();

    @Test
    void everyTemplatedElementResolvesByIdAndVersionAndMatchesItsTemplate() throws IOException {
        List<String> problems = new ArrayList<>();
        int templated = 0;
        for (Path file : bpmnFiles()) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
                String id = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
                if (id == null) {
                    continue;
                }
                templated++;
                String where = file.getFileName() + " '" + element.getId() + "'";
                String version = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
                JsonNode template = registry.getOrDefault(id, Map.of()).get(version == null ? NO_VERSION : version);
                if (template == null) {
                    problems.add(where + ": template " + id + " version " + version + " not found");
                    continue;
                }
                problems.addAll(mismatches(where, element, template));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(templated).as("templated elements in processes/").isGreaterThanOrEqualTo(19);
    }

    @Test
    void everyKindOfServiceTaskHasATemplate() throws IOException {
        List<String> untemplated = new ArrayList<>();
        for (Path file : bpmnFiles()) {
            for (ServiceTask task : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(ServiceTask.class)) {
                // the building block's own send task takes its inputs from the call activity, which is templated
                boolean buildingBlock = file.getFileName().toString().equals("send-step.bpmn");
                if (!buildingBlock && task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate") == null) {
                    untemplated.add(file.getFileName() + " '" + task.getId() + "' "
                            + task.getCamundaDelegateExpression());
                }
            }
        }
        assertThat(untemplated).isEmpty();
    }

    @Test
    void aTemplateIdAndVersionIsDefinedOnce() throws IOException {
        List<String> seen = new ArrayList<>();
        for (JsonNode template : templates()) {
            seen.add(template.path("id").asText() + "@" + template.path("version").asText(NO_VERSION));
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    /** What Modeler would show differently from the XML: a hidden value, a missing or invalid input. */
    private static List<String> mismatches(String where, BaseElement element, JsonNode template) {
        List<String> problems = new ArrayList<>();
        String typeName = element.getElementType().getTypeName();
        String type = "bpmn:" + Character.toUpperCase(typeName.charAt(0)) + typeName.substring(1);
        boolean applies = false;
        for (JsonNode appliesTo : template.path("appliesTo")) {
            applies |= appliesTo.asText().equals(type);
        }
        if (!applies) {
            problems.add(where + ": template " + template.path("id").asText() + " does not apply to " + type);
        }
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            String actual = switch (binding.path("type").asText()) {
                case "property" -> name.startsWith("camunda:")
                        ? element.getAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()))
                        : element.getAttributeValue(name);
                case "camunda:inputParameter" -> inputParameter(element, name);
                case "camunda:in" -> binding.has("variables") ? inVariables(element)
                        : inSource(element, binding.path("target").asText());
                case "camunda:in:businessKey" -> inBusinessKey(element);
                default -> null;
            };
            if ("Hidden".equals(property.path("type").asText())) {
                String expected = binding.has("variables") ? binding.path("variables").asText()
                        : property.path("value").asText();
                if (!expected.equals(actual)) {
                    problems.add(where + ": " + binding.path("type").asText() + " " + name + " is " + actual
                            + ", the template fixes " + expected);
                }
                continue;
            }
            JsonNode constraints = property.path("constraints");
            if (constraints.path("notEmpty").asBoolean() && (actual == null || actual.isBlank())) {
                problems.add(where + ": " + property.path("label").asText() + " is empty");
            }
            String pattern = constraints.path("pattern").path("value").asText(null);
            if (actual != null && pattern != null && !actual.matches(pattern)) {
                problems.add(where + ": " + property.path("label").asText() + " '" + actual + "' does not match "
                        + pattern);
            }
        }
        return problems;
    }

    private static String inputParameter(BaseElement element, String name) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                .stream().flatMap(io -> io.getCamundaInputParameters().stream())
                .filter(parameter -> name.equals(parameter.getCamundaName()))
                .map(CamundaInputParameter::getTextContent).findFirst().orElse(null);
    }

    private static String inSource(BaseElement element, String target) {
        if (!(element instanceof Activity) || element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                .filter(in -> target.equals(in.getCamundaTarget()))
                .map(in -> in.getCamundaSourceExpression() != null ? in.getCamundaSourceExpression()
                        : in.getCamundaSource())
                .findFirst().orElse(null);
    }

    private static String inVariables(BaseElement element) {
        return ins(element).stream().map(CamundaIn::getCamundaVariables).filter(v -> v != null).findFirst()
                .orElse(null);
    }

    private static String inBusinessKey(BaseElement element) {
        return ins(element).stream().map(CamundaIn::getCamundaBusinessKey).filter(v -> v != null).findFirst()
                .orElse(null);
    }

    private static List<CamundaIn> ins(BaseElement element) {
        return element.getExtensionElements() == null ? List.of()
                : element.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
    }

    private static Map<String, Map<String, JsonNode>> registry() {
        Map<String, Map<String, JsonNode>> registry = new HashMap<>();
        try {
            for (JsonNode template : templates()) {
                registry.computeIfAbsent(template.path("id").asText(), id -> new HashMap<>())
                        .put(template.path("version").asText(NO_VERSION), template);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return registry;
    }

    private static List<JsonNode> templates() throws IOException {
        List<JsonNode> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode content = new ObjectMapper().readTree(file.toFile());
                (content.isArray() ? content : new ObjectMapper().createArrayNode().add(content))
                        .forEach(templates::add);
            }
        }
        return templates;
    }

    private static List<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }
}
