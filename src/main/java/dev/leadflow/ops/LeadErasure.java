package dev.leadflow.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.flow.FlowPort;
import dev.leadflow.flow.FlowPort.ErasedFlows;

/**
 * Erasure on request: the lead's flows and their history go through the flow port ({@link FlowPort#eraseLead}),
 * then every record a {@link PersonalDataEraser} keeps,
 * all in one transaction. The erasure itself is recorded in {@code erasure_log} with the lead id only as
 * a hash, and logged. Running it again finds nothing more to remove.
 */
@Service
public class LeadErasure {

    private static final Logger log = LoggerFactory.getLogger(LeadErasure.class);
    private static final int ATTEMPTS = 3;

    private final FlowPort flows;
    private final JdbcClient jdbc;
    private final List<PersonalDataEraser> erasers;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeadErasure(FlowPort flows, JdbcClient jdbc,
                ObjectProvider<PersonalDataEraser> erasers, PlatformTransactionManager transactionManager,
                Clock clock) {
        this.flows = flows;
        this.jdbc = jdbc;
        this.erasers = erasers.orderedStream().toList();
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public ErasureReport erase(String leadId, String requestedBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                ErasureReport report = transaction.execute(status -> eraseOnce(leadId, requestedBy));
                log.info("Erased the data of lead #{} on request of {}: {}", hash(leadId), requestedBy,
                        report.summary());
                return report;
            } catch (OptimisticLockingException e) {
                // a job of the lead ran at the same moment; its instance changed under us
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ErasureReport eraseOnce(String leadId, String requestedBy) {
        Instant now = clock.instant();
        ErasedFlows erased = flows.eraseLead(leadId);
        String phone = jdbc.sql("select phone from lead where lead_id = ?").param(leadId).query(String.class)
                .optional().orElse(null);
        Map<String, Integer> records = new LinkedHashMap<>();
        for (PersonalDataEraser eraser : erasers) {
            eraser.erase(leadId, phone).forEach((kind, count) -> records.merge(kind, count, Integer::sum));
        }
        ErasureReport report = new ErasureReport(leadId, now, erased.running(), erased.histories(), records);
        jdbc.sql("insert into erasure_log (lead_hash, requested_by, requested_at, summary) values (?, ?, ?, ?)")
                .params(hash(leadId), requestedBy, now.atOffset(ZoneOffset.UTC), report.summary())
                .update();
        return report;
    }

    static String hash(String leadId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(leadId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
