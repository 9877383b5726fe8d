package dev.leadflow.whatsapp.sandbox;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The WhatsApp sandbox belongs to the embedded default and to tests: it is on only while no real Cloud API
 * is configured. With {@code LEADFLOW_WHATSAPP_BASE_URL} set it is off ({@code /sandbox} and
 * {@code /sandbox/api/**} answer 404), and a start that asks for both stops: the sandbox signs what it feeds
 * to the webhook with the real app secret, so anyone allowed in could speak for a real lead.
 */
public class SandboxSwitch implements EnvironmentPostProcessor {

    static final String ENABLED = "leadflow.sandbox.enabled";
    private static final String BASE_URL = "leadflow.whatsapp.base-url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean realCloudApi = !value(environment, BASE_URL).isBlank();
        String asked = value(environment, ENABLED);
        if (realCloudApi && Boolean.parseBoolean(asked.trim())) {
            throw new IllegalStateException("The WhatsApp sandbox cannot run beside a real Cloud API ("
                    + "LEADFLOW_WHATSAPP_BASE_URL is set): unset LEADFLOW_SANDBOX_ENABLED, or "
                    + "LEADFLOW_WHATSAPP_BASE_URL to use the sandbox");
        }
        if (asked.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource("leadflowSandboxSwitch",
                    Map.of(ENABLED, String.valueOf(!realCloudApi))));
        }
    }

    private static String value(ConfigurableEnvironment environment, String property) {
        try {
            String value = environment.getProperty(property);
            return value == null ? "" : value;
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return "";
        }
    }
}
