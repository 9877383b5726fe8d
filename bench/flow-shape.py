#!/usr/bin/env python3
"""Derives a welcome flow of another shape from processes/, for the benchmark only.

    python3 bench/flow-shape.py inline|one-scope OUT_DIR

writes OUT_DIR/welcome.bpmn and prints the --app-env value of bench/run.sh that deploys it in place of
processes/welcome.bpmn (every other flow and form as usual). The shapes (docs/performance.md, "The
nurturing flows' shape"):

- inline: the follow-up sub-process inside the welcome flow instead of the call activity into followUp;
- one-scope: inline, and "meeting booked" and "lead closed" as event sub-processes of the whole flow
  instead of boundary events of each sub-process.

Both keep every step, timer and send of the two flows; neither is a flow to deploy: they have no
diagram, and the legacy migration, the flows API and the CRM feed know followUp as a flow of its own.
"""
import pathlib
import re
import sys

PROCESSES = pathlib.Path(__file__).resolve().parent.parent / "processes"


def process_body(xml):
    start = xml.index(">", xml.index("<bpmn:process")) + 1
    return xml[start:xml.index("</bpmn:process>")]


def element(body, tag, element_id):
    match = re.search(r'\n\s*<bpmn:%s id="%s"[^>]*?(/>|>.*?</bpmn:%s>)' % (tag, element_id, tag), body, re.S)
    if not match:
        sys.exit(f"flow-shape: no {tag} {element_id} in processes/ (the flows changed: update this script)")
    return match.group(0)


def without(body, *elements):
    for tag, element_id in elements:
        body = body.replace(element(body, tag, element_id), "")
    return body


def event_sub_process(name, message_ref):
    return f'''
    <bpmn:subProcess id="{name}SubProcess" name="{name}" triggeredByEvent="true">
      <bpmn:startEvent id="Start{name}" name="{name}">
        <bpmn:outgoing>Flow_Start{name}_End{name}</bpmn:outgoing>
        <bpmn:messageEventDefinition id="MessageDefinition_Start{name}" messageRef="{message_ref}" />
      </bpmn:startEvent>
      <bpmn:endEvent id="End{name}" name="{name}">
        <bpmn:incoming>Flow_Start{name}_End{name}</bpmn:incoming>
      </bpmn:endEvent>
      <bpmn:sequenceFlow id="Flow_Start{name}_End{name}" sourceRef="Start{name}" targetRef="End{name}" />
    </bpmn:subProcess>'''


def welcome_of_shape(shape):
    welcome = (PROCESSES / "welcome.bpmn").read_text()
    follow_up = process_body((PROCESSES / "follow-up.bpmn").read_text())
    body = without(process_body(welcome), ("callActivity", "WaitForReply"), ("endEvent", "EndWelcomeDone"),
                   ("sequenceFlow", "Flow_WaitForReply_EndWelcomeDone"))
    body = body.replace('targetRef="WaitForReply"', 'targetRef="FollowUps"')
    follow_ups = element(follow_up, "subProcess", "FollowUps").replace(
        "<bpmn:incoming>Flow_StartFollowUp_FollowUps</bpmn:incoming>",
        "<bpmn:incoming>Flow_Greeting_WaitForReply</bpmn:incoming>")
    moved = [("serviceTask", "MarkRewarmingCandidate"), ("endEvent", "EndNoResponse"),
             ("boundaryEvent", "LeadReplied"), ("endEvent", "EndLeadReplied"),
             ("boundaryEvent", "FollowUpsNumberInvalid"), ("endEvent", "EndNumberInvalid"),
             ("sequenceFlow", "Flow_FollowUps_MarkRewarmingCandidate"),
             ("sequenceFlow", "Flow_MarkRewarmingCandidate_EndNoResponse"),
             ("sequenceFlow", "Flow_LeadReplied_EndLeadReplied"),
             ("sequenceFlow", "Flow_FollowUpsNumberInvalid_EndNumberInvalid")]
    if shape == "inline":
        moved += [("boundaryEvent", "MeetingBooked"), ("endEvent", "EndMeetingBooked"),
                  ("boundaryEvent", "LeadClosed"), ("endEvent", "EndLeadClosed"),
                  ("sequenceFlow", "Flow_MeetingBooked_EndMeetingBooked"),
                  ("sequenceFlow", "Flow_LeadClosed_EndLeadClosed")]
    added = follow_ups + "".join(element(follow_up, tag, element_id) for tag, element_id in moved)
    if shape == "one-scope":
        body = without(body, ("boundaryEvent", "MeetingBookedFirst"), ("endEvent", "EndMeetingBookedFirst"),
                       ("boundaryEvent", "LeadClosedFirst"), ("endEvent", "EndLeadClosedFirst"),
                       ("sequenceFlow", "Flow_MeetingBookedFirst_EndMeetingBookedFirst"),
                       ("sequenceFlow", "Flow_LeadClosedFirst_EndLeadClosedFirst"))
        added += event_sub_process("MeetingBooked", "Message_LeadBookedMeeting")
        added += event_sub_process("LeadClosed", "Message_LeadClosed")
    process_start = welcome.index("<bpmn:process")
    process_tag = welcome[process_start:welcome.index(">", process_start) + 1]
    definitions = welcome[welcome.index("</bpmn:process>"):welcome.index("<bpmndi:BPMNDiagram")].replace(
        '<bpmn:message id="Message_LeadCreated" name="LeadCreated" />',
        '<bpmn:message id="Message_LeadCreated" name="LeadCreated" />\n'
        '  <bpmn:message id="Message_LeadReplied" name="LeadReplied" />')
    return (welcome[:process_start] + process_tag + body + added + "\n  " + definitions.rstrip()
            + "\n</bpmn:definitions>\n")


def deployment_env(welcome_file):
    patterns = ["classpath*:processes/" + f.name for f in sorted(PROCESSES.glob("*.bpmn")) if f.name != "welcome.bpmn"]
    patterns += ["classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form", "file:" + str(welcome_file)]
    return ",".join(f"CAMUNDA_BPM_DEPLOYMENTRESOURCEPATTERN_{i}={p}" for i, p in enumerate(patterns))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("inline", "one-scope"):
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    welcome_file = out / "welcome.bpmn"
    welcome_file.write_text(welcome_of_shape(sys.argv[1]))
    print(deployment_env(welcome_file))


if __name__ == "__main__":
    main()
