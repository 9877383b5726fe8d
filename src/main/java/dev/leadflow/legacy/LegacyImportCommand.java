package dev.leadflow.legacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one-shot import: {@code --leadflow.legacy.import.csv=<file>} (or {@code --leadflow.legacy.import.jdbc=true})
 * with {@code --leadflow.legacy.import.dry-run=false} to write, prints the report and exits: 0 when every row
 * was read, 2 when some were rejected, 1 when the input could not be read at all.
 */
@Component
class LegacyImportCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LegacyImportCommand.class);

    private final LegacyProperties properties;
    private final LegacyImport imports;
    private final JdbcTracking jdbcSource;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;

    LegacyImportCommand(LegacyProperties properties, LegacyImport imports, JdbcTracking jdbcSource, ObjectMapper json,
                        ConfigurableApplicationContext context) {
        this.properties = properties;
        this.imports = imports;
        this.jdbcSource = jdbcSource;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        LegacyProperties.ImportRun run = properties.importRun();
        if (!run.requested()) {
            return;
        }
        int exitCode;
        try {
            TrackingRows rows = run.jdbc() ? jdbcSource.read() : CsvTracking.read(run.csv(),
                    Files.readString(Path.of(run.csv()), StandardCharsets.UTF_8));
            ImportReport report = imports.run(rows, run.dryRun());
            System.out.println(json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            exitCode = report.rowsRejected() == 0 ? 0 : 2;
        } catch (NotTrackingDataException | IOException e) {
            log.error("Legacy import refused: {}", e.getMessage());
            exitCode = 1;
        }
        int code = exitCode;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
