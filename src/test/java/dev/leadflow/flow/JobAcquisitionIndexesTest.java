package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.leadflow.support.LeadflowIntegrationTest;

/** Job acquisition finds due and running jobs through indexes, however many timers wait. */
class JobAcquisitionIndexesTest extends LeadflowIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void theJobTableHasAnIndexOnTheDueDate() {
        assertThat(columnsOf(JobAcquisitionIndexes.DUE_DATE)).containsExactly("DUEDATE_");
    }

    @Test
    void theJobTableHasAnIndexOnTheRunningJobs() {
        assertThat(columnsOf(JobAcquisitionIndexes.LOCKED)).containsExactly("LOCK_OWNER_", "PROCESS_INSTANCE_ID_");
    }

    private List<String> columnsOf(String index) {
        return jdbc.sql("""
                        select column_name from information_schema.index_columns
                        where index_name = ? and table_name = 'ACT_RU_JOB' order by ordinal_position""")
                .param(index).query(String.class).list();
    }
}
