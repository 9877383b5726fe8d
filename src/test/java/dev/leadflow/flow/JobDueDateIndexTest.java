package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.leadflow.support.LeadflowIntegrationTest;

/** Job acquisition finds due jobs through an index, however many timers wait. */
class JobDueDateIndexTest extends LeadflowIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void theJobTableHasAnIndexOnTheDueDate() {
        assertThat(jdbc.sql("""
                        select column_name from information_schema.index_columns
                        where index_name = ? and table_name = 'ACT_RU_JOB'""")
                .param(JobDueDateIndex.NAME).query(String.class).list())
                .containsExactly("DUEDATE_");
    }
}
