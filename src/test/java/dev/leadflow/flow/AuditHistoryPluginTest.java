package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

/** A database that kept full history moves to Leadflow's audit level (and back) without refusing to start. */
class AuditHistoryPluginTest {

    private final String database = "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void anEngineOnAFullHistoryDatabaseStartsWithTheAuditLevelAndBack() {
        assertThat(storedLevelAfterStarting("full")).isEqualTo("3");
        assertThat(storedLevelAfterStarting(AuditHistoryLevel.NAME)).isEqualTo(String.valueOf(AuditHistoryLevel.ID));
        assertThat(storedLevelAfterStarting("full")).isEqualTo("3");
    }

    private String storedLevelAfterStarting(String level) {
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl(database);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("history-" + UUID.randomUUID());
        configuration.setHistory(level);
        configuration.setProcessEnginePlugins(List.of(new AuditHistoryPlugin()));
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            assertThat(configuration.getHistoryLevel().getName()).isEqualTo(level);
            return engine.getManagementService().getProperties().get("historyLevel");
        } finally {
            engine.close();
        }
    }
}
