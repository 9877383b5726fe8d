package dev.leadflow.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.whatsapp.WebhookDeliveries.Claimed;
import dev.leadflow.whatsapp.WebhookDeliveries.Outcome;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Store first, process after: the webhook answers as soon as the verified body is stored, and a small
 * pool of workers processes it right away. The sweeper takes whatever the workers did not finish: rows
 * of a crashed node, rows that did not fit the queue, and failed attempts after a growing pause.
 * Leases and retries run on the system clock, not the engine's: they are about processes, not business time.
 */
@Service
class WebhookIngestion implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookIngestion.class);
    private static final int SWEEP_BATCH = 50;
    private static final int QUEUE_CAPACITY = 10_000;
    /** Deliveries stored in one transaction at most. */
    private static final int STORE_BATCH = 100;
    /** About a hundred updates: more may take longer to process than the sweep grace. */
    private static final int LARGE_BATCH_CHARS = 64 * 1024;

    private final WebhookDeliveries deliveries;
    private final WebhookProcessor processor;
    private final InboundProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock system = Clock.systemUTC();
    private final ThreadPoolExecutor workers;
    private final TransactionTemplate transaction;
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final ReentrantLock storing = new ReentrantLock();

    WebhookIngestion(WebhookDeliveries deliveries, WebhookProcessor processor, InboundProperties properties,
                     ObjectMapper json, MeterRegistry meters, PlatformTransactionManager transactionManager) {
        this.deliveries = deliveries;
        this.transaction = new TransactionTemplate(transactionManager);
        this.processor = processor;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "webhook-worker-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Stores a verified delivery and hands it to a worker; returns once it is stored (committed).
     *
     * <p>Group commit: whoever holds the store lock writes every delivery that arrived meanwhile in one
     * transaction, and the requests it carried return without a write of their own. Alone, a delivery is
     * stored at once, as before; under load, a few dozen share one commit instead of paying one each.
     */
    long accept(String body) {
        Arrival arrival = new Arrival(body, new CompletableFuture<>());
        arrivals.add(arrival);
        while (!arrival.stored().isDone()) {
            storing.lock();
            try {
                if (!arrival.stored().isDone()) {
                    storeArrived();
                }
            } finally {
                storing.unlock();
            }
        }
        try {
            return arrival.stored().join().id();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private record Arrival(String body, CompletableFuture<Claimed> stored) {
    }

    private void storeArrived() {
        List<Arrival> batch = new ArrayList<>();
        for (Arrival next; batch.size() < STORE_BATCH && (next = arrivals.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        Instant storedAt = system.instant();
        List<Claimed> stored;
        try {
            stored = deliveries.storeAll(batch.stream().map(Arrival::body).toList(), storedAt,
                    storedAt.plus(properties.sweepGrace()));
        } catch (RuntimeException e) {
            batch.forEach(arrival -> arrival.stored().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(stored.get(i));
        }
        try {
            workers.execute(() -> processFresh(stored, storedAt));
        } catch (RejectedExecutionException busy) {
            log.debug("Webhook workers busy; {} deliveries wait for the sweeper", stored.size());
        }
    }

    /**
     * Deliveries are stored claimed for the sweep grace only. Those that waited long in the queue, or that
     * are big enough to take long (a large batch), first extend their claim to the full lease, so the
     * sweeper does not take them too; those the sweeper took meanwhile are left to it.
     */
    void processFresh(List<Claimed> stored, Instant storedAt) {
        boolean late = system.instant().isAfter(storedAt.plus(properties.sweepGrace().dividedBy(2)));
        List<Claimed> ours = stored.stream()
                .filter(delivery -> (!late && delivery.body().length() <= LARGE_BATCH_CHARS)
                        || deliveries.extendFirstClaim(delivery.id(), leaseEnd()))
                .toList();
        List<Claimed> statusesOnly = new ArrayList<>();
        List<JsonNode> payloads = new ArrayList<>();
        for (Claimed delivery : ours) {
            JsonNode payload = readOrNull(delivery.body());
            if (payload != null && WebhookProcessor.onlyStatuses(payload)) {
                statusesOnly.add(delivery);
                payloads.add(payload);
            } else {
                process(delivery);
            }
        }
        processStatuses(statusesOnly, payloads);
    }

    /**
     * Deliveries that only report statuses, applied and marked processed in one transaction. If any of them
     * fails, the transaction is undone and each is processed on its own, so one bad delivery neither holds
     * back the others nor is applied twice.
     */
    private void processStatuses(List<Claimed> batch, List<JsonNode> payloads) {
        if (batch.size() == 1) {
            process(batch.get(0));
        }
        if (batch.size() <= 1) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> {
                List<Long> processed = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    List<String> notUnderstood = processor.process(payloads.get(i));
                    if (notUnderstood.isEmpty()) {
                        processed.add(batch.get(i).id());
                    } else {
                        log.warn("Webhook delivery {} was stored but not fully understood: {}", batch.get(i).id(),
                                notUnderstood);
                        deliveries.finish(batch.get(i).id(), Outcome.NOT_UNDERSTOOD,
                                "not understood: " + String.join("; ", notUnderstood), system.instant());
                        meters.counter("leadflow.webhook.deliveries", "outcome", Outcome.NOT_UNDERSTOOD.name())
                                .increment();
                    }
                }
                deliveries.finishAll(processed, Outcome.PROCESSED, system.instant());
                meters.counter("leadflow.webhook.deliveries", "outcome", Outcome.PROCESSED.name())
                        .increment(processed.size());
            });
        } catch (RuntimeException e) {
            log.debug("{} status deliveries could not be applied together; applying each on its own: {}",
                    batch.size(), e.toString());
            batch.forEach(this::process);
        }
    }

    private JsonNode readOrNull(String body) {
        try {
            return parse(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Scheduled(fixedDelayString = "${leadflow.inbound.sweep-interval:15s}",
            initialDelayString = "${leadflow.inbound.sweep-interval:15s}")
    void sweepOnSchedule() {
        try {
            sweep();
            deliveries.purgeProcessedBefore(system.instant().minus(properties.retention()));
        } catch (RuntimeException e) {
            log.warn("Webhook sweep failed; trying again at the next one", e);
        }
    }

    /** Processes every due delivery; returns how many were taken. */
    int sweep() {
        int taken = 0;
        List<Claimed> batch;
        do {
            batch = deliveries.claimDue(system.instant(), SWEEP_BATCH, leaseEnd());
            batch.forEach(this::process);
            taken += batch.size();
        } while (batch.size() == SWEEP_BATCH);
        if (taken > 0) {
            log.info("Sweeper processed {} webhook deliveries", taken);
        }
        return taken;
    }

    private void process(Claimed delivery) {
        try {
            List<String> notUnderstood = processor.process(parse(delivery.body()));
            if (notUnderstood.isEmpty()) {
                finish(delivery, Outcome.PROCESSED, null);
            } else {
                log.warn("Webhook delivery {} was stored but not fully understood: {}", delivery.id(), notUnderstood);
                finish(delivery, Outcome.NOT_UNDERSTOOD, "not understood: " + String.join("; ", notUnderstood));
            }
        } catch (JsonProcessingException e) {
            log.warn("Webhook delivery {} is not readable JSON", delivery.id());
            finish(delivery, Outcome.NOT_UNDERSTOOD, "not readable JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            failed(delivery, e);
        }
    }

    private JsonNode parse(String body) throws JsonProcessingException {
        JsonNode payload = json.readTree(body);
        return payload == null ? json.missingNode() : payload;
    }

    private void failed(Claimed delivery, RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (delivery.attempt() >= properties.maxAttempts()) {
            log.error("Webhook delivery {} failed {} times; giving up", delivery.id(), delivery.attempt(), e);
            finish(delivery, Outcome.FAILED, error);
        } else {
            log.warn("Webhook delivery {} failed (attempt {}); it will be retried: {}", delivery.id(),
                    delivery.attempt(), error);
            deliveries.retryLater(delivery.id(), error,
                    system.instant().plus(WebhookDeliveries.backoff(delivery.attempt())));
            meters.counter("leadflow.webhook.deliveries", "outcome", "RETRY").increment();
        }
    }

    private void finish(Claimed delivery, Outcome outcome, String error) {
        deliveries.finish(delivery.id(), outcome, error, system.instant());
        meters.counter("leadflow.webhook.deliveries", "outcome", outcome.name()).increment();
    }

    private Instant leaseEnd() {
        return system.instant().plus(properties.processingLease());
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            // what is left stays stored; the sweeper of the next start (or another node) takes it
            workers.shutdownNow();
        }
    }
}
