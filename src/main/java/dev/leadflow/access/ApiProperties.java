package dev.leadflow.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The CRM integration's HTTP Basic login: the CRM API and {@code POST /engine-rest/message}, nothing else.
 * Outside the embedded default it must come from LEADFLOW_API_USERNAME / LEADFLOW_API_PASSWORD; the password
 * may be a {@code {bcrypt}} hash.
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
