package dev.leadflow.support;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Deploys a BPMN file the way Camunda Modeler's Deploy button does: multipart to /engine-rest/deployment/create. */
public final class ModelerDeploy {

    private ModelerDeploy() {
    }

    public static ResponseEntity<String> deploy(TestRestTemplate login, String fileName, String bpmn) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", fileName);
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("deploy-changed-only", "true");
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        parts.add(fileName, new HttpEntity<>(new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return login.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), String.class);
    }

    /** A flow of one service task bound to {@code expression} (as delegate expression unless it calls something). */
    public static String serviceTaskFlow(String processKey, String taskName, String binding) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
                    targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="%1$s" name="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" />
                    <bpmn:sequenceFlow id="Flow1" sourceRef="Start" targetRef="Task" />
                    <bpmn:serviceTask id="Task" name="%2$s" %3$s />
                    <bpmn:sequenceFlow id="Flow2" sourceRef="Task" targetRef="End" />
                    <bpmn:endEvent id="End" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processKey, taskName, binding);
    }

    /** A flow of one user task offered to {@code group}. */
    public static String userTaskFlow(String processKey, String group) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
                    targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="%1$s" name="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" />
                    <bpmn:sequenceFlow id="Flow1" sourceRef="Start" targetRef="Call" />
                    <bpmn:userTask id="Call" name="Call the lead" camunda:candidateGroups="%2$s" />
                    <bpmn:sequenceFlow id="Flow2" sourceRef="Call" targetRef="End" />
                    <bpmn:endEvent id="End" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processKey, group);
    }
}
