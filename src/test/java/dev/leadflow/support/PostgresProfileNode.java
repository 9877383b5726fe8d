package dev.leadflow.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.leadflow.LeadflowApplication;

/**
 * A Leadflow node of its own on the {@code postgres} profile, for tests that need a real deployment's shape
 * (several nodes, storage outages): a free port, a job executor that polls often, and quiet hours open all
 * day, because the real clock drives these nodes and the test must not depend on the hour it runs at.
 */
public final class PostgresProfileNode {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private PostgresProfileNode(String engineName) {
        properties.put("server.port", "0");
        properties.put("camunda.bpm.process-engine-name", engineName);
        properties.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
        properties.put("camunda.bpm.job-execution.max-wait", "1000");
        properties.put("spring.jmx.enabled", "false");
        properties.put("leadflow.markets.default.send-from", "00:00");
        properties.put("leadflow.markets.default.send-until", "24:00");
        properties.put("leadflow.markets.default.closed-days", "");
        properties.put("logging.level.root", "warn");
        properties.put("leadflow.admin.username", "leadflow-admin");
        properties.put("leadflow.admin.password", "admin-test-secret");
    }

    /** Engines register by name JVM-wide: every node of one JVM needs its own. */
    public static PostgresProfileNode named(String engineName) {
        return new PostgresProfileNode(engineName);
    }

    public PostgresProfileNode database(String jdbcUrl, String username, String password) {
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        return this;
    }

    public PostgresProfileNode redis(String host, int port) {
        properties.put("spring.data.redis.host", host);
        properties.put("spring.data.redis.port", String.valueOf(port));
        return this;
    }

    public PostgresProfileNode apiUser(String username, String password) {
        properties.put("leadflow.api.username", username);
        properties.put("leadflow.api.password", password);
        return this;
    }

    /** The default channel, its secrets derived from {@code secrets} ({@code <secrets>-token}, ...). */
    public PostgresProfileNode channel(String phoneNumberId, String secrets) {
        properties.put("leadflow.whatsapp.phone-number-id", phoneNumberId);
        properties.put("leadflow.whatsapp.access-token", secrets + "-token");
        properties.put("leadflow.whatsapp.app-secret", secrets + "-secret");
        properties.put("leadflow.whatsapp.verify-token", secrets + "-verify");
        return this;
    }

    public PostgresProfileNode with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public PostgresProfileNode with(Map<String, String> more) {
        properties.putAll(more);
        return this;
    }

    public ConfigurableApplicationContext start() {
        // as command-line arguments: they outrank the profile's own settings, as a deployment's would
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(LeadflowApplication.class).profiles("postgres").run(arguments);
    }
}
