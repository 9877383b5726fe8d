package dev.leadflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Load from {@code clients} workers until {@code count} requests were made. Closed loop: each worker sends
 * its next request as soon as the previous one was answered. Paced: request i is not sent before
 * {@code i / ratePerSecond} seconds into the run (the clients must be enough to keep up).
 */
final class Load {

    /**
     * @param seconds     from the first request sent to the last answer received
     * @param requestsPerSecond answered requests per second over {@code seconds}
     * @param errors      the first few unexpected answers, for the log
     */
    record Result(int requests, int clients, int failed, double seconds, double requestsPerSecond,
                  Stats.Summary answerMillis, List<String> errors) {
    }

    private Load() {
    }

    static Result run(int count, int clients, IntFunction<Http.Answer> call) {
        return run(count, clients, 0, call);
    }

    /** @param ratePerSecond requests per second at most; 0 for a closed loop */
    static Result run(int count, int clients, double ratePerSecond, IntFunction<Http.Answer> call) {
        double[] millis = new double[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int worker = 0; worker < clients; worker++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (ratePerSecond > 0) {
                            LockSupport.parkNanos(start + (long) (i * 1e9 / ratePerSecond) - System.nanoTime());
                        }
                        Http.Answer answer = call.apply(i);
                        millis[i] = answer.millis();
                        if (!answer.ok()) {
                            failed.incrementAndGet();
                            if (errors.size() < 5) {
                                errors.add(answer.status() + " " + abbreviate(answer.body()));
                            }
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("load run failed", e);
        } finally {
            workers.shutdownNow();
        }
        double seconds = Http.millisSince(start) / 1000;
        return new Result(count, clients, failed.get(), Stats.round(seconds), Stats.perSecond(count, seconds),
                Stats.summarize(millis), List.copyOf(errors));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
