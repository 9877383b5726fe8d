package dev.leadflow.legacy;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

import dev.leadflow.legacy.LegacyProperties.JdbcSource;
import dev.leadflow.legacy.TrackingRows.Problem;
import dev.leadflow.legacy.TrackingRows.Row;

/**
 * Legacy tracking read from a database table ({@code leadflow.legacy.source.*}): the legacy system's own
 * database, or a table loaded into Leadflow's. Columns as in the CSV; a query may rename them.
 */
@Component
class JdbcTracking {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final DataSource leadflowDatabase;
    private final JdbcSource source;

    JdbcTracking(DataSource leadflowDatabase, LegacyProperties properties) {
        this.leadflowDatabase = leadflowDatabase;
        this.source = properties.source();
    }

    String describe() {
        return "jdbc:" + (blank(source.url()) ? "leadflow" : source.url()) + ":" + (blank(source.query())
                ? source.table() : "query");
    }

    TrackingRows read() {
        String sql;
        if (!blank(source.query())) {
            sql = source.query();
        } else if (!blank(source.table()) && TABLE_NAME.matcher(source.table()).matches()) {
            sql = "select * from " + source.table();
        } else {
            throw new NotTrackingDataException("no JDBC source: set leadflow.legacy.source.table (a table name) or"
                    + " leadflow.legacy.source.query");
        }
        DataSource database = blank(source.url()) ? leadflowDatabase
                : new DriverManagerDataSource(source.url(), source.username(), source.password());
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try {
            new JdbcTemplate(database).query(sql, (ResultSet resultSet) -> {
                Map<String, Integer> columns = columns(resultSet.getMetaData());
                List<String> missing = TrackingRows.REQUIRED_COLUMNS.stream()
                        .filter(c -> !columns.containsKey(c)).toList();
                if (!missing.isEmpty()) {
                    throw new NotTrackingDataException("the JDBC source lacks column(s) " + missing);
                }
                long line = 0;
                while (resultSet.next()) {
                    line++;
                    String leadId = text(resultSet, columns, "lead_id", true);
                    String automation = text(resultSet, columns, "automation", true);
                    if (leadId == null || automation == null) {
                        problems.add(new Problem(line, (leadId == null ? "lead_id" : "automation") + " is empty"));
                        continue;
                    }
                    rows.add(new Row(line, leadId, automation, text(resultSet, columns, "step", true),
                            text(resultSet, columns, "status", false), sentAt(resultSet, columns),
                            text(resultSet, columns, "wamid", true), text(resultSet, columns, "lead_status", false)));
                }
                return null;
            });
        } catch (org.springframework.dao.DataAccessException e) {
            throw new NotTrackingDataException("cannot read the JDBC source " + describe() + ": "
                    + e.getMostSpecificCause().getMessage());
        }
        return new TrackingRows(describe(), rows, problems);
    }

    private static Map<String, Integer> columns(ResultSetMetaData meta) throws SQLException {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static String text(ResultSet resultSet, Map<String, Integer> columns, String name, boolean strip)
            throws SQLException {
        Integer index = columns.get(name);
        if (index == null) {
            return null;
        }
        Object value = resultSet.getObject(index);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return strip ? (text.isBlank() ? null : text.strip()) : text;
    }

    /** A timestamp column is taken as is; a text column is parsed like the CSV's. */
    private static String sentAt(ResultSet resultSet, Map<String, Integer> columns) throws SQLException {
        Object value = resultSet.getObject(columns.get("sent_at"));
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant().toString();
        }
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
