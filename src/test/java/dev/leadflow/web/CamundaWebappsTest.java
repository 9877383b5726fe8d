package dev.leadflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;

/**
 * Cockpit, Tasklist, Admin and the welcome page load Leadflow's user-styles.css, not the webjar's empty one, so
 * the community edition's end-of-life banner (no setting turns it off) stays hidden; docs/support.md explains.
 */
class CamundaWebappsTest extends LeadflowIntegrationTest {

    @Test
    void everyWebappHidesTheEndOfLifeBanner() {
        for (String app : new String[] {"cockpit", "tasklist", "admin", "welcome"}) {
            ResponseEntity<String> css = http.getForEntity("/camunda/app/" + app + "/styles/user-styles.css",
                    String.class);
            assertThat(css.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
            assertThat(css.getBody()).as(app).contains(".ce-eol-banner {\n  display: none !important;");
            assertThat(http.getForEntity("/camunda/app/" + app + "/", String.class).getBody()).as(app)
                    .contains("/app/" + app + "/styles/user-styles.css");
        }
    }
}
