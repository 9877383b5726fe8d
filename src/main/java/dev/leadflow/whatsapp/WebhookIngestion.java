package dev.leadflow.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

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
    /** About a hundred updates: more may take longer to process than the sweep grace. */
    private static final int LARGE_BATCH_CHARS = 64 * 1024;

    private final WebhookDeliveries deliveries;
    private final WebhookProcessor processor;
    private final ProcessedMarks processedMarks;
    private final InboundProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock system = Clock.systemUTC();
    private final ThreadPoolExecutor workers;

    WebhookIngestion(WebhookDeliveries deliveries, WebhookProcessor processor, ProcessedMarks processedMarks,
                     InboundProperties properties, ObjectMapper json, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.processor = processor;
        this.processedMarks = processedMarks;
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

    /** Stores a verified delivery and hands it to a worker; returns once it is stored (committed). */
    long accept(String body) {
        Instant storedAt = system.instant();
        Claimed delivery = deliveries.store(body, storedAt, storedAt.plus(properties.sweepGrace()));
        try {
            workers.execute(() -> processFresh(delivery, storedAt));
        } catch (RejectedExecutionException busy) {
            log.debug("Webhook workers busy; delivery {} waits for the sweeper", delivery.id());
        }
        return delivery.id();
    }

    /**
     * A delivery is stored claimed for the sweep grace only. One that waited long in the queue, or that
     * is big enough to take long (a large batch), first extends its claim to the full lease, so the
     * sweeper does not take it too; when the sweeper was faster, it is left to it.
     */
    private void processFresh(Claimed delivery, Instant storedAt) {
        boolean late = system.instant().isAfter(storedAt.plus(properties.sweepGrace().dividedBy(2)));
        boolean big = delivery.body().length() > LARGE_BATCH_CHARS;
        if ((!late && !big) || deliveries.extendFirstClaim(delivery.id(), leaseEnd())) {
            process(delivery, true);
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
            batch.forEach(delivery -> process(delivery, false));
            taken += batch.size();
        } while (batch.size() == SWEEP_BATCH);
        if (taken > 0) {
            log.info("Sweeper processed {} webhook deliveries", taken);
        }
        return taken;
    }

    /**
     * Processes a delivery and stores its outcome. When even the outcome cannot be stored (the database is
     * away), the row stays claimed until its lease ends and the sweeper takes it again: nothing is lost, and
     * the worker thread lives on.
     */
    private void process(Claimed delivery, boolean fresh) {
        try {
            processAndRecord(delivery, fresh);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {}: its outcome could not be stored; the sweeper takes it again: {}",
                    delivery.id(), e.toString());
        }
    }

    /** A fresh delivery processed as a whole is marked with the next batch; any other outcome at once. */
    private void processAndRecord(Claimed delivery, boolean fresh) {
        try {
            List<String> notUnderstood = processor.process(parse(delivery.body()));
            if (notUnderstood.isEmpty() && fresh) {
                processedMarks.add(delivery.id());
                count(Outcome.PROCESSED.name());
            } else if (notUnderstood.isEmpty()) {
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
            count("RETRY");
        }
    }

    private void finish(Claimed delivery, Outcome outcome, String error) {
        deliveries.finish(delivery.id(), outcome, error, system.instant());
        count(outcome.name());
    }

    private void count(String outcome) {
        meters.counter("leadflow.webhook.deliveries", "outcome", outcome).increment();
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
