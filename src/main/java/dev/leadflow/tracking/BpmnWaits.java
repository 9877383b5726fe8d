package dev.leadflow.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import dev.leadflow.tracking.FlowProgress.Awaited;
import dev.leadflow.tracking.FlowProgress.AwaitedType;

/**
 * Reads from a BPMN model what a step waits for: the messages, timers and signals of a catch event, of
 * the events after an event-based gateway, of a receive task, of the boundary events of an activity, of
 * the event sub-processes of a scope. Works for any diagram, so new flows need no code here.
 */
final class BpmnWaits {

    private BpmnWaits() {
    }

    /** What the element waits for while the flow stands at it; empty when it waits for nothing. */
    static List<Awaited> of(BpmnModelInstance model, String elementId) {
        ModelElementInstance element = model.getModelElementById(elementId);
        List<Awaited> waits = new ArrayList<>();
        if (element instanceof EventBasedGateway gateway) {
            for (SequenceFlow outgoing : gateway.getOutgoing()) {
                waits.addAll(ownWaits(outgoing.getTarget()));
            }
        } else if (element instanceof FlowNode node) {
            waits.addAll(ownWaits(node));
            waits.addAll(boundaryWaits(model, elementId));
        }
        return waits;
    }

    /** What interrupts or joins the scope whatever step it is at: its event sub-processes' start events. */
    static List<Awaited> ofScope(BpmnModelInstance model, String scopeId) {
        ModelElementInstance scope = model.getModelElementById(scopeId);
        if (scope == null) {
            return List.of();
        }
        List<Awaited> waits = new ArrayList<>();
        for (SubProcess eventSubProcess : scope.getChildElementsByType(SubProcess.class)) {
            if (eventSubProcess.triggeredByEvent()) {
                for (StartEvent start : eventSubProcess.getChildElementsByType(StartEvent.class)) {
                    waits.addAll(eventWaits(start, start.getEventDefinitions()));
                }
            }
        }
        return waits;
    }

    /** The boundary events attached to an activity. */
    static List<Awaited> boundaryWaits(BpmnModelInstance model, String activityId) {
        List<Awaited> waits = new ArrayList<>();
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getAttachedTo() != null && activityId.equals(boundary.getAttachedTo().getId())) {
                waits.addAll(eventWaits(boundary, boundary.getEventDefinitions()));
            }
        }
        return waits;
    }

    /** The element's name, or its id when it has none. */
    static String nameOf(BpmnModelInstance model, String elementId) {
        ModelElementInstance element = model.getModelElementById(elementId);
        if (element instanceof FlowElement flowElement && flowElement.getName() != null
                && !flowElement.getName().isBlank()) {
            return flowElement.getName().strip();
        }
        return elementId;
    }

    /** BPMN element type as Camunda's history names it ({@code serviceTask}, {@code userTask}, ...). */
    static String typeOf(BpmnModelInstance model, String elementId) {
        ModelElementInstance element = model.getModelElementById(elementId);
        if (element == null) {
            return null;
        }
        return element.getElementType().getTypeName();
    }

    private static List<Awaited> ownWaits(FlowNode node) {
        if (node instanceof CatchEvent event && !(node instanceof BoundaryEvent)) {
            return eventWaits(event, event.getEventDefinitions());
        }
        if (node instanceof ReceiveTask receive) {
            String message = receive.getMessage() == null ? null : receive.getMessage().getName();
            return List.of(new Awaited(AwaitedType.MESSAGE, message, node.getId(), label(node), null));
        }
        if (node instanceof UserTask task) {
            String group = task.getCamundaCandidateGroups();
            return List.of(new Awaited(AwaitedType.USER_TASK, group == null ? null : "candidate groups: " + group,
                    node.getId(), label(node), null));
        }
        if (node instanceof CallActivity call) {
            return List.of(new Awaited(AwaitedType.CALLED_FLOW, call.getCalledElement(), node.getId(), label(node),
                    null));
        }
        return List.of();
    }

    private static List<Awaited> eventWaits(FlowNode event, Collection<EventDefinition> definitions) {
        List<Awaited> waits = new ArrayList<>();
        for (EventDefinition definition : definitions) {
            if (definition instanceof MessageEventDefinition message) {
                waits.add(new Awaited(AwaitedType.MESSAGE,
                        message.getMessage() == null ? null : message.getMessage().getName(),
                        event.getId(), label(event), null));
            } else if (definition instanceof TimerEventDefinition) {
                waits.add(new Awaited(AwaitedType.TIMER, null, event.getId(), label(event), null));
            } else if (definition instanceof SignalEventDefinition signal) {
                String name = signal.getSignal() == null ? null : signal.getSignal().getName();
                waits.add(new Awaited(AwaitedType.SIGNAL, name, event.getId(), label(event), null));
            } else if (definition instanceof ConditionalEventDefinition) {
                waits.add(new Awaited(AwaitedType.CONDITION, null, event.getId(), label(event), null));
            }
        }
        return waits;
    }

    private static String label(FlowNode node) {
        return node.getName() != null && !node.getName().isBlank() ? node.getName().strip() : node.getId();
    }
}
