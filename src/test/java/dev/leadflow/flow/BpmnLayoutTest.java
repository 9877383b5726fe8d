package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.api.Test;

/**
 * The diagrams read cleanly in Modeler and in Cockpit's instance views: no label over a shape or another
 * label, none over a sub-process's title, a boundary event's label outside the activity it sits on, and no
 * boundary event on an activity's bottom-left corner, where Cockpit shows the count of tokens waiting there.
 */
class BpmnLayoutTest {

    /** Cockpit's token count and incident count badges, side by side across an activity's bottom-left corner. */
    private static final double BADGE_WIDTH = 50;
    private static final double BADGE_HEIGHT = 32;
    /** Roughly the width of a character of a sub-process title, and the title's band below the top edge. */
    private static final double TITLE_CHAR = 7;
    private static final double TITLE_HEIGHT = 28;

    @Test
    void labelsAndBadgesDoNotCollide() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                collisions(Bpmn.readModelFromFile(file.toFile()))
                        .forEach(problem -> problems.add(file.getFileName() + ": " + problem));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckSeesALabelOverItsOwnActivityAndABadgeHiddenByABoundaryEvent() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("probe").startEvent().userTask("Task").name("Task")
                .boundaryEvent("Late").name("Late").timerWithDuration("PT1H").endEvent().moveToActivity("Task")
                .endEvent().done();
        BpmnShape task = shape(model, "Task");
        BpmnShape late = shape(model, "Late");
        late.getBounds().setX(task.getBounds().getX() + 2);
        late.getBounds().setY(task.getBounds().getY() + task.getBounds().getHeight() - 18);
        assertThat(collisions(model)).anyMatch(problem -> problem.contains("hides the token badge of Task"));
    }

    static List<String> collisions(BpmnModelInstance model) {
        List<String> problems = new ArrayList<>();
        Map<String, BpmnShape> shapes = new LinkedHashMap<>();
        Map<String, Bounds> labels = new LinkedHashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            shapes.put(shape.getBpmnElement().getId(), shape);
            if (shape.getBpmnLabel() != null && named(shape.getBpmnElement())) {
                labels.put(shape.getBpmnElement().getId(), shape.getBpmnLabel().getBounds());
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (edge.getBpmnLabel() != null && named(edge.getBpmnElement())) {
                labels.put(edge.getBpmnElement().getId(), edge.getBpmnLabel().getBounds());
            }
        }
        List<String> ids = new ArrayList<>(labels.keySet());
        for (int i = 0; i < ids.size(); i++) {
            Bounds label = labels.get(ids.get(i));
            for (BpmnShape shape : shapes.values()) {
                BaseElement element = shape.getBpmnElement();
                if (element instanceof SubProcess && Boolean.TRUE.equals(shape.isExpanded())) {
                    if (overlaps(label, title(shape))) {
                        problems.add("the label of " + ids.get(i) + " is over the title of " + element.getId());
                    }
                } else if (overlaps(label, shape.getBounds())) {
                    problems.add("the label of " + ids.get(i) + " is over " + element.getId());
                }
            }
            for (int j = i + 1; j < ids.size(); j++) {
                if (overlaps(label, labels.get(ids.get(j)))) {
                    problems.add("the labels of " + ids.get(i) + " and " + ids.get(j) + " overlap");
                }
            }
        }
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            Bounds activity = shapes.get(event.getAttachedTo().getId()).getBounds();
            Bounds badge = box(activity.getX() - 8, activity.getY() + activity.getHeight() - BADGE_HEIGHT + 10,
                    BADGE_WIDTH, BADGE_HEIGHT);
            if (overlaps(shapes.get(event.getId()).getBounds(), badge)) {
                problems.add(event.getId() + " hides the token badge of " + event.getAttachedTo().getId());
            }
            if (labels.containsKey(event.getId()) && overlaps(labels.get(event.getId()), activity)) {
                problems.add("the label of " + event.getId() + " is over " + event.getAttachedTo().getId());
            }
        }
        return problems;
    }

    private static boolean named(BaseElement element) {
        return element instanceof FlowElement flowElement && flowElement.getName() != null
                && !flowElement.getName().isBlank();
    }

    private static Bounds title(BpmnShape subProcess) {
        Bounds bounds = subProcess.getBounds();
        String name = ((SubProcess) subProcess.getBpmnElement()).getName();
        double width = Math.min(bounds.getWidth(), (name == null ? 0 : name.length()) * TITLE_CHAR + 20);
        return box(bounds.getX(), bounds.getY(), width, TITLE_HEIGHT);
    }

    private static boolean overlaps(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static Bounds box(double x, double y, double width, double height) {
        Bounds bounds = Bpmn.createEmptyModel().newInstance(Bounds.class);
        bounds.setX(x);
        bounds.setY(y);
        bounds.setWidth(width);
        bounds.setHeight(height);
        return bounds;
    }

    private static BpmnShape shape(BpmnModelInstance model, String id) {
        return model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> id.equals(shape.getBpmnElement().getId())).findFirst().orElseThrow();
    }
}
