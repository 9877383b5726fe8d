package dev.leadflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;

/**
 * The OpenAPI description is generated from the controllers and stays behind the login: every mapping of
 * Leadflow's CRM, ops and legacy APIs and of the webhooks is in it, with its HTTP method, and Meta's webhook
 * (a servlet, not a controller) with its signature header.
 */
class OpenApiTest extends LeadflowIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerMappingOfTheApisIsDescribed() throws Exception {
        ResponseEntity<String> answer = api().getForEntity("/v3/api-docs", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode paths = new ObjectMapper().readTree(answer.getBody()).path("paths");

        List<String> expected = new ArrayList<>(documentedMappings());
        // Meta's webhook is a servlet of its own, described by hand
        expected.addAll(List.of("GET /webhooks/whatsapp", "POST /webhooks/whatsapp"));
        List<String> missing = new ArrayList<>();
        for (String mapping : expected) {
            String[] methodAndPath = mapping.split(" ", 2);
            if (paths.path(methodAndPath[1]).path(methodAndPath[0].toLowerCase()).isMissingNode()) {
                missing.add(mapping);
            }
        }
        assertThat(expected).contains("PUT /api/leads/{leadId}", "POST /api/leads/{leadId}/events",
                "GET /api/leads/{leadId}/timeline", "GET /api/ops/dashboard", "POST /api/legacy/imports",
                "POST /webhooks/hubspot");
        assertThat(missing).isEmpty();
        assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.startsWith("/sandbox"));
        assertThat(paths.path("/webhooks/whatsapp").path("post").path("parameters").toString())
                .contains("X-Hub-Signature-256");
    }

    @Test
    void theDescriptionAndSwaggerUiNeedTheLogin() {
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> ui = api().getForEntity("/swagger-ui/index.html", String.class);
        assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ui.getBody()).contains("Swagger UI");
    }

    /** "METHOD /path" of every handler of Leadflow's own APIs, path variables without their regex. */
    private List<String> documentedMappings() {
        List<String> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("dev.leadflow")) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/webhooks/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}");
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    found.add(method.name() + " " + path);
                }
            }
        }
        return found;
    }
}
