package dev.leadflow.whatsapp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Cloud API connection. Secrets come from the environment; {@link #toString()} never shows them.
 *
 * @param baseUrl blank for the built-in sandbox of this application
 */
@ConfigurationProperties(prefix = "leadflow.whatsapp")
public record WhatsAppProperties(
        String baseUrl,
        String apiVersion,
        String accessToken,
        String appSecret,
        String verifyToken,
        String phoneNumberId,
        Duration connectTimeout,
        Duration readTimeout) {

    public WhatsAppProperties {
        apiVersion = apiVersion == null || apiVersion.isBlank() ? "v21.0" : apiVersion;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }

    public boolean usesSandbox() {
        return baseUrl == null || baseUrl.isBlank();
    }

    @Override
    public String toString() {
        return "WhatsAppProperties[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", phoneNumberId="
                + phoneNumberId + ", secrets=***]";
    }
}
