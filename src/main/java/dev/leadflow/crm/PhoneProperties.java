package dev.leadflow.crm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * {@code leadflow.phone.*}, checked at start-up.
 *
 * @param defaultRegion the ISO country code of numbers the CRM sends without one (e.g. {@code BR}); blank: none
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.phone")
record PhoneProperties(@Pattern(regexp = "([A-Za-z]{2})?", message = "an ISO country code such as BR, or blank")
                       String defaultRegion) {

    PhoneProperties {
        defaultRegion = defaultRegion == null ? "" : defaultRegion.strip();
    }
}
