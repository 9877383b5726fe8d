package dev.leadflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Outside the embedded default, credentials and secrets have no defaults: the start stops at once,
 * naming every missing environment variable, before anything connects anywhere. There the CRM's login and
 * the admin must be two users.
 */
public class RequiredSettings implements EnvironmentPostProcessor {

    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.username", "SPRING_DATASOURCE_USERNAME");
        REQUIRED.put("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD");
        REQUIRED.put("leadflow.api.username", "LEADFLOW_API_USERNAME");
        REQUIRED.put("leadflow.api.password", "LEADFLOW_API_PASSWORD");
        REQUIRED.put("leadflow.admin.username", "LEADFLOW_ADMIN_USERNAME");
        REQUIRED.put("leadflow.admin.password", "LEADFLOW_ADMIN_PASSWORD");
    }

    private static final Map<String, String> REQUIRED_FOR_META = Map.of(
            "leadflow.whatsapp.access-token", "LEADFLOW_WHATSAPP_ACCESS_TOKEN",
            "leadflow.whatsapp.app-secret", "LEADFLOW_WHATSAPP_APP_SECRET",
            "leadflow.whatsapp.verify-token", "LEADFLOW_WHATSAPP_VERIFY_TOKEN",
            "leadflow.whatsapp.phone-number-id", "LEADFLOW_WHATSAPP_PHONE_NUMBER_ID");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("postgres")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            // the password may be empty (trust authentication), but it must be set on purpose
            boolean allowEmpty = property.equals("spring.datasource.password");
            if (!isSet(environment, property, allowEmpty)) {
                missing.add(variable);
            }
        });
        REQUIRED_FOR_META.forEach((property, variable) -> {
            if (!isSet(environment, property, false)) {
                missing.add(variable);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The postgres profile needs these environment variables: "
                    + String.join(", ", missing));
        }
        String crm = environment.getProperty("leadflow.api.username");
        if (crm.equals(environment.getProperty("leadflow.admin.username"))) {
            throw new IllegalStateException("LEADFLOW_API_USERNAME and LEADFLOW_ADMIN_USERNAME must differ: the CRM's "
                    + "login may not be the admin (docs/security.md)");
        }
    }

    private static boolean isSet(ConfigurableEnvironment environment, String property, boolean allowEmpty) {
        try {
            String value = environment.getProperty(property);
            return value != null && (allowEmpty || !value.isBlank());
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return false;
        }
    }
}
