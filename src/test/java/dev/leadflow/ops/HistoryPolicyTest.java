package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

import dev.leadflow.support.LeadflowIntegrationTest;

/**
 * The history policy of docs/privacy.md: full history, a removal time per flow from its
 * BPMN historyTimeToLive (at most two years), cleaned up in a nightly window.
 */
class HistoryPolicyTest extends LeadflowIntegrationTest {

    private static final Duration LONGEST_TIME_TO_LIVE = Duration.ofDays(730);

    @Test
    void everyFlowDeclaresHowLongItsHistoryIsKept() throws IOException {
        List<Path> diagrams;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            diagrams = files.filter(file -> file.toString().endsWith(".bpmn")).toList();
        }
        assertThat(diagrams).isNotEmpty();
        for (Path diagram : diagrams) {
            for (Process process : Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(Process.class)) {
                String timeToLive = process.getCamundaHistoryTimeToLiveString();
                assertThat(timeToLive).as("%s: historyTimeToLive of process %s", diagram, process.getId()).isNotBlank();
                Duration kept = timeToLive.startsWith("P") ? Duration.parse(timeToLive)
                        : Duration.ofDays(Long.parseLong(timeToLive));
                assertThat(kept).as("%s: history kept %s", diagram, timeToLive)
                        .isPositive().isLessThanOrEqualTo(LONGEST_TIME_TO_LIVE);
            }
        }
    }

    @Test
    void theEngineKeepsFullHistoryAndCleansItUpAtNight() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThat(configuration.getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
        assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    }
}
