package dev.leadflow.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lead's legacy facts and shadow decisions (tables of the legacy migration). Kept here rather than in
 * the legacy package: the CRM side uses the legacy status mapping, so the legacy package cannot depend on
 * this one without a cycle.
 */
@Component
class LegacyRecords implements PersonalDataEraser {

    private final JdbcClient jdbc;

    LegacyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Integer> erase(String leadId, String phone) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.put("legacyFacts", jdbc.sql("delete from legacy_fact where lead_id = ?").param(leadId).update());
        erased.put("shadowSends", jdbc.sql("delete from legacy_shadow_send where lead_id = ?").param(leadId)
                .update());
        return erased;
    }
}
