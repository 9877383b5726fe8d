package dev.leadflow.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * HTTP Basic credentials of the CRM API and {@code /engine-rest}; also Camunda's admin user.
 * Outside the embedded default they must come from LEADFLOW_API_USERNAME / LEADFLOW_API_PASSWORD.
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.api")
public record ApiProperties(
        @NotBlank(message = "set LEADFLOW_API_USERNAME") String username,
        @NotBlank(message = "set LEADFLOW_API_PASSWORD") String password) {

    @Override
    public String toString() {
        return "ApiProperties[username=" + username + ", password=***]";
    }
}
