package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;

/**
 * A flow deployed the way Camunda Modeler's Deploy button does it (a multipart POST to
 * /engine-rest/deployment/create with the deployment name, source and "changed only" fields) is checked as
 * strictly as the files packaged at start-up: a broken send task is refused with a 400 that names the task and
 * the problem in words, and nothing is deployed.
 */
class ModelerDeploymentTest extends LeadflowIntegrationTest {

    private static final String DEPLOYMENT = "Welcome (from Modeler)";

    @Autowired
    private RepositoryService repository;

    @AfterEach
    void removeProbeDeployments() {
        repository.createDeploymentQuery().deploymentName(DEPLOYMENT).list()
                .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }

    @Test
    void aSendTaskNamingAnUnknownTemplateIsRefusedWithAMessageAnAnalystUnderstands() throws Exception {
        String broken = copyOfWelcome().replace("<camunda:inputParameter name=\"templateKey\">welcome<",
                "<camunda:inputParameter name=\"templateKey\">welcom<");

        ResponseEntity<String> answer = deployLikeModeler(broken);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = new ObjectMapper().readTree(answer.getBody());
        assertThat(body.path("type").asText()).isEqualTo("ParseException");
        assertThat(body.path("message").asText())
                .contains("This flow was not deployed: task 'Send welcome' (SendWelcome, line ")
                .contains("names template key 'welcom', which is not in leadflow-templates.yml");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("modelerProbe").count()).isZero();
    }

    @Test
    void aSendThatIsNotAsynchronousIsRefusedToo() throws Exception {
        String broken = copyOfWelcome().replace("camunda:asyncBefore=\"true\" camunda:delegateExpression="
                + "\"${sendMessage}\"", "camunda:delegateExpression=\"${sendMessage}\"");

        ResponseEntity<String> answer = deployLikeModeler(broken);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("task 'Send welcome' (SendWelcome, line ")
                .contains("must be asyncBefore, so a failed send is a retry, not a rollback");
    }

    @Test
    void aCorrectFlowIsDeployed() throws Exception {
        ResponseEntity<String> answer = deployLikeModeler(copyOfWelcome());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("modelerProbe").count())
                .isEqualTo(1);
    }

    /** The welcome flow under another key, so a deployment that gets through changes no real flow. */
    private static String copyOfWelcome() throws IOException {
        return Files.readString(Path.of("processes/welcome.bpmn"))
                .replace("<bpmn:process id=\"welcome\"", "<bpmn:process id=\"modelerProbe\"")
                .replace("bpmnElement=\"welcome\"", "bpmnElement=\"modelerProbe\"")
                .replace("name=\"LeadCreated\"", "name=\"ModelerProbeStarted\"");
    }

    private ResponseEntity<String> deployLikeModeler(String bpmn) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", DEPLOYMENT);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add("modeler-probe.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "modeler-probe.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return api().postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }
}
