package dev.leadflow.whatsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The sandbox is the embedded default's: off beside a real Cloud API, and never both. */
class SandboxSwitchTest {

    @Test
    void withoutACloudApiTheSandboxIsOn() {
        MockEnvironment environment = new MockEnvironment().withProperty("leadflow.whatsapp.base-url", "");

        new SandboxSwitch().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(SandboxSwitch.ENABLED)).isEqualTo("true");
    }

    @Test
    void aRealCloudApiTurnsTheSandboxOff() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("leadflow.whatsapp.base-url", "https://graph.facebook.com");

        new SandboxSwitch().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(SandboxSwitch.ENABLED)).isEqualTo("false");
    }

    @Test
    void askingForTheSandboxBesideARealCloudApiStopsTheStart() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("leadflow.whatsapp.base-url", "https://graph.facebook.com")
                .withProperty(SandboxSwitch.ENABLED, "true");

        assertThatThrownBy(() -> new SandboxSwitch().postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("The WhatsApp sandbox cannot run beside a real Cloud API");
    }
}
