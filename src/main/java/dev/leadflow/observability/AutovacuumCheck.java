package dev.leadflow.observability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when the PostgreSQL server runs without autovacuum. The engine's job, execution and
 * variable tables turn over with every message: without autovacuum they keep their dead rows and never get
 * statistics, and PostgreSQL plans their queries blind (a flow's variables read through an index of every
 * variable), so the send path slows as leads accumulate. docs/scaling.md.
 */
@Component
class AutovacuumCheck {

    private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final DataSource dataSource;

    AutovacuumCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenOff() {
        if (serverRunsWithoutAutovacuum()) {
            log.warn("PostgreSQL runs without autovacuum: the engine's tables keep their dead rows and get no "
                    + "statistics, and sends slow down as leads accumulate. Turn autovacuum on (docs/scaling.md).");
        }
    }

    boolean serverRunsWithoutAutovacuum() {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("show autovacuum")) {
                return setting.next() && "off".equals(setting.getString(1));
            }
        } catch (SQLException e) {
            log.warn("Could not read PostgreSQL's autovacuum setting: {}", e.getMessage());
            return false;
        }
    }
}
