package dev.leadflow.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The one admin: everything, Camunda Admin included. Outside the embedded default it must come from
 * LEADFLOW_ADMIN_USERNAME / LEADFLOW_ADMIN_PASSWORD; the password may be a {@code {bcrypt}} hash.
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.admin")
public record AdminProperties(
        @NotBlank(message = "set LEADFLOW_ADMIN_USERNAME") String username,
        @NotBlank(message = "set LEADFLOW_ADMIN_PASSWORD") String password) {

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=***]";
    }
}
