package dev.leadflow.crmsync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which CRM record a lead came from, so what happens to the lead is written back to that record. */
@Repository
public class CrmLinks {

    private final JdbcClient jdbc;

    CrmLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void link(String crm, String externalId, String leadId, Instant now) {
        if (leadOf(crm, externalId).isPresent()) {
            return;
        }
        try {
            jdbc.sql("insert into crm_link (crm, external_id, lead_id, linked_at) values (?, ?, ?, ?)")
                    .params(crm, externalId, leadId, now.atOffset(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException linkedMeanwhile) {
            // the same record synced twice at once
        }
    }

    public Optional<String> leadOf(String crm, String externalId) {
        return jdbc.sql("select lead_id from crm_link where crm = ? and external_id = ?")
                .params(crm, externalId).query(String.class).optional();
    }

    public Optional<String> externalIdOf(String crm, String leadId) {
        return jdbc.sql("select external_id from crm_link where crm = ? and lead_id = ? order by linked_at")
                .params(crm, leadId).query(String.class).list().stream().findFirst();
    }
}
