package dev.leadflow.flow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Indexes the jobs' due date, which Camunda's schema leaves unindexed. Every job acquisition asks for
 * {@code DUEDATE_ is null or DUEDATE_ <= now}; without this index that reads every waiting timer, so
 * its cost grows with the leads waiting (100,000 timers: a full scan per acquisition, see
 * docs/performance.md). Created once the engine has created its tables (Flyway runs before), on every
 * database Leadflow supports.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "LEADFLOW_IDX_JOB_DUEDATE";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists " + NAME + " on " + table + " (DUEDATE_)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the index " + NAME + " on " + table, e);
        }
    }
}
