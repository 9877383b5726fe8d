package dev.leadflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Meta's Cloud API: answers {@code POST /{version}/{phone-number-id}/messages} with
 * Meta's JSON and a fresh wamid after an optional fixed latency, records when each message arrived, and
 * (when asked) reports statuses back to Leadflow as signed webhooks.
 */
final class FakeCloudApi implements AutoCloseable {

    private static final Pattern MESSAGES_PATH = Pattern.compile("/v[0-9.]+/[0-9]+/messages");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REDELIVERY_DELAY = Duration.ofSeconds(1);
    private static final int MAX_DELIVERIES = 120;

    /**
     * One message as it reached the fake. The callback data is Leadflow's idempotency key
     * {@code lead:flow:step[:scope]} (lead ids contain no colon).
     */
    record Receipt(String callbackData, String leadId, String flow, String to, String wamid, long receivedAtNanos,
                   long receivedAtEpochMillis) {

        static Receipt of(String callbackData, String to, String wamid) {
            String[] parts = callbackData.split(":");
            return new Receipt(callbackData, parts[0], parts.length > 1 ? parts[1] : "", to, wamid, System.nanoTime(),
                    System.currentTimeMillis());
        }
    }

    /** One status webhook the fake posted, and Leadflow's answer. */
    record StatusPost(int answer, double millis) {
    }

    private final String accessToken;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(64);
    private final ExecutorService statusPosters;
    private final Queue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final Queue<StatusPost> statusPosts = new ConcurrentLinkedQueue<>();
    private final AtomicLong wamids = new AtomicLong();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger statusesPending = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile List<String> statusesToReport = List.of();
    private volatile boolean redeliver;
    private volatile StatusWebhooks webhooks;

    FakeCloudApi(String accessToken, int statusPosterThreads) throws IOException {
        this.accessToken = accessToken;
        this.statusPosters = Executors.newFixedThreadPool(statusPosterThreads);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How long the fake waits before answering each send (Meta's own latency). */
    void latency(Duration latency) {
        this.latency = latency;
    }

    /** Statuses to report for every message received from now on, in order (e.g. sent, delivered, read). */
    /** Like Meta, deliver a status webhook again (every second, for two minutes) until Leadflow answers 2xx. */
    void redeliverUntilAccepted() {
        this.redeliver = true;
    }

    void reportStatuses(List<String> statuses, StatusWebhooks webhooks) {
        this.webhooks = webhooks;
        this.statusesToReport = List.copyOf(statuses);
    }

    List<Receipt> receipts(Predicate<Receipt> which) {
        List<Receipt> matching = new ArrayList<>();
        for (Receipt receipt : receipts) {
            if (which.test(receipt)) {
                matching.add(receipt);
            }
        }
        return matching;
    }

    /** Messages received so far, all flows together: cheap enough to poll while waiting. */
    int received() {
        return received.get();
    }

    /** Idempotency keys that reached the fake more than once, over the whole run. */
    Map<String, Integer> duplicates() {
        return Stats.duplicates(receipts.stream().map(Receipt::callbackData).toList());
    }

    int statusesPending() {
        return statusesPending.get();
    }

    /** The status webhooks posted since the last call, with Leadflow's answers. */
    List<StatusPost> takeStatusPosts() {
        List<StatusPost> taken = new ArrayList<>();
        for (StatusPost post = statusPosts.poll(); post != null; post = statusPosts.poll()) {
            taken.add(post);
        }
        return taken;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())
                    || !MESSAGES_PATH.matcher(exchange.getRequestURI().getPath()).matches()) {
                respond(exchange, 404, error(100, "Unknown path"));
                return;
            }
            if (!("Bearer " + accessToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error(190, "Error validating access token"));
                return;
            }
            JsonNode message = JSON.readTree(body);
            String to = message.path("to").asText();
            Receipt receipt = Receipt.of(message.path("biz_opaque_callback_data").asText(""), to,
                    "wamid.bench" + wamids.incrementAndGet());
            receipts.add(receipt);
            received.incrementAndGet();
            try {
                pause(latency);
                respond(exchange, 200, Map.of("messaging_product", "whatsapp",
                        "contacts", List.of(Map.of("input", to, "wa_id", to.replace("+", ""))),
                        "messages", List.of(Map.of("id", receipt.wamid(), "message_status", "accepted"))));
            } finally {
                // like Meta, report what was accepted even when the caller died before reading the answer
                reportStatuses(receipt);
            }
        }
    }

    private void reportStatuses(Receipt receipt) {
        List<String> statuses = statusesToReport;
        if (statuses.isEmpty()) {
            return;
        }
        statusesPending.addAndGet(statuses.size());
        statusPosters.execute(() -> {
            for (String status : statuses) {
                try {
                    Http.Answer answer = webhooks.post(receipt, status);
                    for (int attempt = 1; redeliver && !answer.ok() && attempt < MAX_DELIVERIES; attempt++) {
                        pause(REDELIVERY_DELAY);
                        answer = webhooks.post(receipt, status);
                    }
                    statusPosts.add(new StatusPost(answer.status(), answer.millis()));
                } finally {
                    statusesPending.decrementAndGet();
                }
            }
        });
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            // the fake's latency, as a slow Cloud API answers
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> error(int code, String message) {
        return Map.of("error", Map.of("message", "(#" + code + ") " + message, "type", "OAuthException",
                "code", code, "fbtrace_id", "BenchFake"));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        statusPosters.shutdownNow();
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
