package dev.leadflow.flow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Two indexes Camunda's schema lacks, so that a job acquisition reads the jobs that are due and the jobs
 * that are running, not every waiting timer (docs/performance.md, "Tuning done"):
 * <ul>
 * <li>the due date: the acquisition asks for {@code DUEDATE_ is null or DUEDATE_ <= now};</li>
 * <li>the locked jobs: it skips exclusive jobs of a flow that has a job running, and PostgreSQL answers that
 * {@code not exists} by collecting the running jobs' flows once per acquisition: without an index on the
 * lock, by reading the whole table, waiting timers and dead rows included.</li>
 * </ul>
 * Created once the engine has created its tables (Flyway runs before).
 */
@Component
class JobAcquisitionIndexes extends AbstractProcessEnginePlugin {

    static final String DUE_DATE = "LEADFLOW_IDX_JOB_DUEDATE";
    static final String LOCKED = "LEADFLOW_IDX_JOB_LOCKED";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        String locked = "postgres".equals(configuration.getDatabaseType())
                // the running jobs alone: a handful, however many timers wait
                ? "create index if not exists " + LOCKED + " on " + table
                        + " (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null"
                // H2 has no partial index
                : "create index if not exists " + LOCKED + " on " + table + " (LOCK_OWNER_, PROCESS_INSTANCE_ID_)";
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists " + DUE_DATE + " on " + table + " (DUEDATE_)");
            statement.execute(locked);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the job acquisition indexes on " + table, e);
        }
    }
}
