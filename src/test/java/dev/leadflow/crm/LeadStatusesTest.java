package dev.leadflow.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LeadStatusesTest {

    @Test
    void theDefaultClosedWordsMatchTheWholeStatusInAnyCase() {
        LeadStatuses statuses = new LeadStatuses(null);

        assertThat(statuses.isClosed("Lost")).isTrue();
        assertThat(statuses.isClosed(" WON ")).isTrue();
        assertThat(statuses.isClosed("disqualified")).isTrue();
        assertThat(statuses.isClosed("Closed")).isTrue();
        assertThat(statuses.isClosed("Contacted")).isFalse();
        assertThat(statuses.isClosed("Closed Won")).isFalse();
        assertThat(statuses.isClosed(null)).isFalse();
    }

    @Test
    void aDeploymentNamesItsOwnClosedStatuses() {
        LeadStatuses statuses = new LeadStatuses(List.of("Closed Won", "Closed Lost"));

        assertThat(statuses.isClosed("closed won")).isTrue();
        assertThat(statuses.isClosed("Lost")).isFalse();
        assertThat(statuses.closedLowerCase()).containsExactlyInAnyOrder("closed won", "closed lost");
    }
}
