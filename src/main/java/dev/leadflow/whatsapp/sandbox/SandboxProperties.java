package dev.leadflow.whatsapp.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled     serve the Cloud API simulator (embedded default only)
 * @param statusDelay how long after a send the simulator reports each next status (sent, delivered, read)
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.sandbox")
public record SandboxProperties(boolean enabled, Duration statusDelay) {

    public SandboxProperties {
        statusDelay = statusDelay == null ? Duration.ofMillis(400) : statusDelay;
    }
}
