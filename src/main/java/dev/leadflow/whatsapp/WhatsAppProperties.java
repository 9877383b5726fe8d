package dev.leadflow.whatsapp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The Cloud API connection. Secrets come from the environment; {@link #toString()} never shows them.
 *
 * @param baseUrl blank for the built-in sandbox of this application
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.whatsapp")
public record WhatsAppProperties(
        String baseUrl,
        String apiVersion,
        @NotBlank(message = "set LEADFLOW_WHATSAPP_ACCESS_TOKEN") String accessToken,
        @NotBlank(message = "set LEADFLOW_WHATSAPP_APP_SECRET") String appSecret,
        @NotBlank(message = "set LEADFLOW_WHATSAPP_VERIFY_TOKEN") String verifyToken,
        @NotBlank(message = "set LEADFLOW_WHATSAPP_PHONE_NUMBER_ID") String phoneNumberId,
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
