package dev.leadflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The part of Camunda's REST API ({@code /engine-rest}) the benchmark uses. */
final class EngineRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http api;

    EngineRest(Http api) {
        this.api = api;
    }

    /** Deploys the BPMN files (unchanged ones are kept as they are). */
    void deploy(String deploymentName, List<Path> files) throws IOException {
        String boundary = "bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "deployment-name", deploymentName);
        field(body, boundary, "enable-duplicate-filtering", "true");
        field(body, boundary, "deploy-changed-only", "true");
        for (Path file : files) {
            String name = file.getFileName().toString();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Http.Answer answer = api.post("/engine-rest/deployment/create", body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        if (!answer.ok()) {
            throw new IllegalStateException("Deployment of " + files + " failed: " + answer.status() + " "
                    + answer.body());
        }
    }

    /** Starts an instance of the latest version of {@code processKey}, with string variables. */
    Http.Answer start(String processKey, String businessKey, Map<String, String> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
        try {
            return api.post("/engine-rest/process-definition/key/" + processKey + "/start",
                    JSON.writeValueAsString(Map.of("businessKey", businessKey, "variables", typed)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
            throws IOException {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
