package dev.leadflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures of one fault drill (requests made, messages expected, sent, duplicated, lost, recovery
 * time), written to {@code target/drills/<drill>.json} and printed, for docs/reliability.md.
 */
public final class DrillReport {

    private final String drill;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public DrillReport(String drill) {
        this.drill = drill;
        figures.put("drill", drill);
        figures.put("at", Instant.now().toString());
    }

    public DrillReport put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    public void write() {
        try {
            Path folder = Path.of("target", "drills");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(drill + ".json"), new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the drill report", e);
        }
        System.out.println("DRILL " + figures);
    }
}
