package dev.leadflow.legacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.messaging.SendCommand;

/** What flows in shadow mode would have sent: once per idempotency key, in its own transaction. */
@Repository
class ShadowSends {

    record ShadowSend(String key, String leadId, String flow, String step, String templateKey, Instant decidedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    ShadowSends(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void record(SendCommand command, Instant at) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                            insert into legacy_shadow_send
                                (idempotency_key, lead_id, flow, step, template_key, decided_at)
                            select ?, ?, ?, ?, ?, ? from (values (1)) as one(x)
                            where not exists (select 1 from legacy_shadow_send where idempotency_key = ?)""")
                    .params(command.idempotencyKey(), command.leadId(), command.flow(), command.step(),
                            command.templateKey(), at.atOffset(ZoneOffset.UTC), command.idempotencyKey())
                    .update());
        } catch (DuplicateKeyException decidedMeanwhile) {
            // another node recorded the same decision: once is enough
        }
    }

    List<ShadowSend> ofFlow(String flow, Instant since) {
        return jdbc.sql("select * from legacy_shadow_send where flow = ? and decided_at >= ? order by decided_at")
                .params(flow, since.atOffset(ZoneOffset.UTC))
                .query((row, i) -> new ShadowSend(row.getString("idempotency_key"), row.getString("lead_id"),
                        row.getString("flow"), row.getString("step"), row.getString("template_key"),
                        row.getObject("decided_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    List<String> flows() {
        return jdbc.sql("select distinct flow from legacy_shadow_send order by flow").query(String.class).list();
    }
}
