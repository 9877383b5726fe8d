package dev.leadflow.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure on request: cancels the lead's running flows, deletes their Camunda history (variables,
 * steps, job log, incidents, operator actions), then every record a {@link PersonalDataEraser} keeps,
 * all in one transaction. The erasure itself is recorded in {@code erasure_log} with the lead id only as
 * a hash, and logged. Running it again finds nothing more to remove.
 */
@Service
public class LeadErasure {

    static final String DELETE_REASON = "erased on request";
    private static final Logger log = LoggerFactory.getLogger(LeadErasure.class);
    private static final int ATTEMPTS = 3;

    private final RuntimeService runtime;
    private final HistoryService history;
    private final JdbcClient jdbc;
    private final List<PersonalDataEraser> erasers;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeadErasure(RuntimeService runtime, HistoryService history, JdbcClient jdbc,
                ObjectProvider<PersonalDataEraser> erasers, PlatformTransactionManager transactionManager,
                Clock clock) {
        this.runtime = runtime;
        this.history = history;
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
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .list();
        List<String> running = instances.stream().map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            // the flows they called go with them; cancelling a called flow alone would have to modify its caller,
            // which fails while an operator has paused it
            List<String> roots = instances.stream()
                    .filter(instance -> !running.contains(instance.getRootProcessInstanceId())
                            || instance.getId().equals(instance.getRootProcessInstanceId()))
                    .map(ProcessInstance::getId).toList();
            runtime.deleteProcessInstancesIfExists(roots, DELETE_REASON, true, true, false);
        }
        List<String> histories = historiesOf(leadId);
        if (!histories.isEmpty()) {
            // operator actions outlive a deleted instance in Camunda's operation log: remove them first
            for (String instanceId : histories) {
                history.createUserOperationLogQuery().processInstanceId(instanceId).list()
                        .forEach(entry -> history.deleteUserOperationLogEntry(entry.getId()));
            }
            history.deleteHistoricProcessInstancesIfExists(histories);
        }
        String phone = jdbc.sql("select phone from lead where lead_id = ?").param(leadId).query(String.class)
                .optional().orElse(null);
        Map<String, Integer> records = new LinkedHashMap<>();
        for (PersonalDataEraser eraser : erasers) {
            eraser.erase(leadId, phone).forEach((kind, count) -> records.merge(kind, count, Integer::sum));
        }
        ErasureReport report = new ErasureReport(leadId, now, running.size(), histories.size(), records);
        jdbc.sql("insert into erasure_log (lead_hash, requested_by, requested_at, summary) values (?, ?, ?, ?)")
                .params(hash(leadId), requestedBy, now.atOffset(ZoneOffset.UTC), report.summary())
                .update();
        return report;
    }

    /** The lead's flows and the flows they called, which may not carry the business key. */
    private List<String> historiesOf(String leadId) {
        Set<String> ids = new LinkedHashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId).list()
                .forEach(instance -> toVisit.add(instance.getId()));
        while (!toVisit.isEmpty()) {
            String id = toVisit.poll();
            if (ids.add(id)) {
                history.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list().stream()
                        .map(HistoricProcessInstance::getId).forEach(toVisit::add);
            }
        }
        return new ArrayList<>(ids);
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
