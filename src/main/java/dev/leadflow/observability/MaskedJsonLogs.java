package dev.leadflow.observability;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Structured (JSON) logs: every string value (message, MDC, stack trace) passes through
 * {@link PhoneMasking}. Named by {@code logging.structured.json.customizer} in application.yml.
 */
public class MaskedJsonLogs implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PhoneMasking::mask));
    }
}
