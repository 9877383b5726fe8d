package dev.leadflow.observability;

import org.slf4j.MDC;

/**
 * The lead a log line is about, as MDC key {@value #KEY}: set for API requests on a lead, webhook
 * processing and job execution (there by Camunda's logging context, configured in application.yml).
 */
public final class LeadMdc {

    public static final String KEY = "leadId";

    private LeadMdc() {
    }

    /** Use in try-with-resources: the key is removed again on close. */
    public static MDC.MDCCloseable put(String leadId) {
        return MDC.putCloseable(KEY, leadId);
    }
}
