package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** leadflow.ops.* is one class, with defaults, checked at start-up. */
class OpsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(OpsProperties.class)
    static class Settings {
    }

    @Test
    void defaultsWhenUnset() {
        context.run(started -> assertThat(started.getBean(OpsProperties.class)).satisfies(ops -> {
            assertThat(ops.timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(ops.attributionDays()).isEqualTo(7);
            assertThat(ops.outcomeRefreshInterval()).isEqualTo(Duration.ofMinutes(1));
        }));
    }

    @Test
    void setValuesAreRead() {
        context.withPropertyValues("leadflow.ops.time-zone=America/Sao_Paulo", "leadflow.ops.attribution-window=P3D")
                .run(started -> assertThat(started.getBean(OpsProperties.class)).satisfies(ops -> {
                    assertThat(ops.timeZone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
                    assertThat(ops.attributionDays()).isEqualTo(3);
                }));
    }

    @Test
    void aNonPositiveWindowOrAnUnknownZoneStopsTheStart() {
        context.withPropertyValues("leadflow.ops.attribution-window=-P1D")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("leadflow.ops.time-zone=Mars/Olympus")
                .run(started -> assertThat(started).hasFailed());
    }
}
