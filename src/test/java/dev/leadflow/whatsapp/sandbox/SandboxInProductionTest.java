package dev.leadflow.whatsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.leadflow.support.ExternalServices;
import dev.leadflow.support.PostgresProfileNode;

/**
 * A production node (postgres profile, a real Cloud API configured): the sandbox is not there, not even for
 * the admin, so nobody can post a reply in a real lead's name; and a start that asks for it anyway stops.
 */
class SandboxInProductionTest {

    private static ConfigurableApplicationContext node;
    private static ExternalServices.Endpoints services;

    @BeforeAll
    static void startAProductionNode() {
        services = ExternalServices.start("sandbox-off");
        node = node().start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theSandboxAnswers404EvenToTheAdmin() throws Exception {
        assertThat(status("GET", "/sandbox", null)).isEqualTo(404);
        assertThat(status("GET", "/sandbox/api/messages", null)).isEqualTo(404);
        assertThat(status("POST", "/sandbox/api/replies", "{\"from\": \"+5511999990000\", \"text\": \"STOP\"}"))
                .isEqualTo(404);
        assertThat(status("GET", "/api/ops/stuck-leads", null)).as("the admin's login works").isEqualTo(200);
    }

    @Test
    void askingForTheSandboxBesideARealCloudApiStopsTheStart() {
        assertThatThrownBy(() -> PostgresProfileNode.named("sandbox-both").database(services.jdbcUrl(),
                        services.username(), services.password()).redis(services.redisHost(), services.redisPort())
                .apiUser("crm", "crm-secret").channel("100000000000077", "prod")
                .with("leadflow.whatsapp.base-url", "http://127.0.0.1:9")
                .with("leadflow.sandbox.enabled", "true").start())
                .hasStackTraceContaining("The WhatsApp sandbox cannot run beside a real Cloud API");
    }

    private static PostgresProfileNode node() {
        return PostgresProfileNode.named("sandbox-off")
                .database(services.jdbcUrl(), services.username(), services.password())
                .redis(services.redisHost(), services.redisPort())
                .apiUser("crm", "crm-secret")
                .channel("100000000000077", "prod")
                // a real Cloud API's address (nothing is sent in this test)
                .with("leadflow.whatsapp.base-url", "http://127.0.0.1:9");
    }

    private static int status(String method, String path, String json) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        String basic = Base64.getEncoder().encodeToString("leadflow-admin:admin-test-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
