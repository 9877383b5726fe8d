package dev.leadflow.crmevents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox on threads of its own, never a flow's or a request's: a dead or slow receiver costs
 * its deliveries the timeouts and nothing else. Each round claims the due deliveries, then each
 * subscription's go out one after the other, oldest first, while different subscriptions go in parallel.
 * A failure holds the whole subscription for a growing wait (or the receiver's Retry-After), so a receiver
 * that is down is asked once per wait, not once per event; every event waits, none is dropped, until it
 * is older than the give-up time (then ops can replay it).
 */
@Component
class EventSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventSender.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final OutboundEvents events;
    private final Map<String, EventDestination> destinations;
    private final CrmEventsProperties properties;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID();
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean running;
    private Instant lastPurge = Instant.EPOCH;

    EventSender(Deliveries deliveries, Subscriptions subscriptions, OutboundEvents events,
                List<EventDestination> destinations, CrmEventsProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.events = events;
        this.destinations = destinations.stream()
                .collect(Collectors.toMap(EventDestination::kind, Function.identity()));
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(properties.senders(), named("crm-events-sender"));
        poller = Executors.newSingleThreadScheduledExecutor(named("crm-events-poller"));
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::roundSafely, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void roundSafely() {
        try {
            while (deliverDue() > 0 && running) {
                // a full batch: more may be due
            }
            purgeIfDue();
        } catch (RuntimeException e) {
            log.warn("Outbound event delivery round failed; the next round tries again", e);
        }
    }

    /** One round: claims and delivers what is due now. @return deliveries attempted */
    int deliverDue() {
        Instant now = clock.instant();
        List<Deliveries.Claimed> claimed = deliveries.claimDue(now, properties.batchSize(), node,
                now.plus(properties.claimLease()));
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, List<Deliveries.Claimed>> bySubscription = claimed.stream()
                .collect(Collectors.groupingBy(Deliveries.Claimed::subscriptionId, LinkedHashMap::new,
                        Collectors.toList()));
        AtomicInteger attempted = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        bySubscription.forEach((id, batch) -> work.add(senders.submit(() -> deliverInOrder(id, batch, attempted))));
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempted.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("Delivering outbound events failed", e.getCause());
            }
        }
        return attempted.get();
    }

    private void deliverInOrder(String subscriptionId, List<Deliveries.Claimed> batch, AtomicInteger attempted) {
        Subscriptions.Subscription subscription = subscriptions.find(subscriptionId).orElse(null);
        EventDestination destination = subscription == null ? null : destinations.get(subscription.kind());
        for (int i = 0; i < batch.size(); i++) {
            Deliveries.Claimed delivery = batch.get(i);
            if (subscription == null || !subscription.active() || destination == null) {
                deliveries.release(delivery);
                continue;
            }
            attempted.incrementAndGet();
            try {
                destination.deliver(subscription, delivery.event());
                deliveries.delivered(delivery, clock.instant());
                if (subscription.failing() || i == batch.size() - 1) {
                    subscriptions.succeeded(subscriptionId, clock.instant());
                    subscription = subscriptions.find(subscriptionId).orElse(subscription);
                }
            } catch (RuntimeException e) {
                failed(subscription, delivery, e);
                batch.subList(i + 1, batch.size()).forEach(deliveries::release);
                return;
            }
        }
    }

    private void failed(Subscriptions.Subscription subscription, Deliveries.Claimed delivery, RuntimeException e) {
        Instant now = clock.instant();
        Duration wait = e instanceof EventDestination.DeliveryFailedException failure && failure.retryAfter() != null
                ? failure.retryAfter() : properties.retryWait(subscription.consecutiveFailures() + 1);
        boolean giveUp = delivery.recordedAt().plus(properties.giveUpAfter()).isBefore(now);
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        deliveries.failed(delivery, now.plus(wait), giveUp, error);
        subscriptions.failed(subscription.id(), now, now.plus(wait), error);
        if (giveUp) {
            log.warn("Subscription {}: event {} given up after {} attempts ({}); ops can replay it", subscription.id(),
                    delivery.event().eventId(), delivery.attempts() + 1, error);
        } else {
            log.info("Subscription {}: event {} not delivered ({}); next attempt in {}", subscription.id(),
                    delivery.event().eventId(), error, wait);
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) >= 0) {
            lastPurge = now;
            int purged = events.purgeBefore(now.minus(properties.retention()));
            if (purged > 0) {
                log.info("{} outbound event(s) older than {} removed", purged, properties.retention());
            }
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
