package dev.leadflow.crmsync;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.leadflow.ops.PersonalDataEraser;

/** A lead's erasure forgets which CRM record it came from. */
@Component
class CrmLinkEraser implements PersonalDataEraser {

    private final JdbcClient jdbc;

    CrmLinkEraser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Integer> erase(String leadId, String phone) {
        return Map.of("crmLinks", jdbc.sql("delete from crm_link where lead_id = ?").param(leadId).update());
    }
}
