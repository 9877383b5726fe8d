package dev.leadflow.legacy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.leadflow.ops.PersonalDataEraser;

/** The lead's legacy facts and shadow decisions (tables of the legacy migration), erased with the lead. */
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
