package dev.leadflow.whatsapp.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.whatsapp.LocalServer;
import dev.leadflow.whatsapp.WebhookSignature;
import dev.leadflow.whatsapp.WhatsAppProperties;

/** Posts signed webhooks to this application, as Meta would: statuses after a send, and replies. */
@Component
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
class SandboxWebhooks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
    /** About a quarter of an hour of retries: enough for any drill, far short of Meta's seven days. */
    private static final int MAX_DELIVERY_ATTEMPTS = 20;
    static final String BUSINESS_ACCOUNT_ID = "102290129340398";
    static final String DISPLAY_PHONE_NUMBER = "15550783881";
    private static final Map<Integer, String> ERROR_TITLES = Map.of(
            131026, "Message undeliverable",
            131047, "Re-engagement message",
            131049, "This message was not delivered to maintain healthy ecosystem engagement",
            131050, "The recipient has chosen to stop receiving marketing messages from your business",
            132015, "Template is paused due to low quality");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final WhatsAppProperties whatsApp;
    private final SandboxProperties sandbox;
    private final LocalServer localServer;
    private final ObjectMapper json;
    private final SandboxMailbox mailbox;

    SandboxWebhooks(WhatsAppProperties whatsApp, SandboxProperties sandbox, LocalServer localServer,
                    ObjectMapper json, SandboxMailbox mailbox) {
        this.whatsApp = whatsApp;
        this.sandbox = sandbox;
        this.localServer = localServer;
        this.json = json;
        this.mailbox = mailbox;
    }

    /**
     * sent, delivered and read, each delivery {@code statusDelay} after the one before, unless the chaos
     * setting makes them late, duplicated, reordered, batched, without delivered, or failed. Timestamps
     * (Unix seconds, as Meta's) are those of the true order, whatever order the deliveries take.
     */
    void reportProgress(SandboxMessage message, SandboxChaos chaos) {
        if (chaos.silent()) {
            return;
        }
        List<String> statuses = new ArrayList<>(List.of("sent"));
        if (chaos.failWith() != null) {
            statuses.add("failed");
        } else {
            if (!chaos.skipDelivered()) {
                statuses.add("delivered");
            }
            statuses.add("read");
        }
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            Instant happened = message.receivedAt().plus(chaos.delay()).plus(sandbox.statusDelay().multipliedBy(i + 1));
            updates.add(statusUpdate(message, statuses.get(i), happened.getEpochSecond(),
                    "failed".equals(statuses.get(i)) ? chaos.failWith() : null));
        }
        if (chaos.reverse()) {
            Collections.reverse(updates);
        }
        List<List<Map<String, Object>>> deliveries = chaos.batch() ? List.of(updates)
                : updates.stream().map(List::of).toList();
        for (int i = 0; i < deliveries.size(); i++) {
            List<Map<String, Object>> delivery = deliveries.get(i);
            Map<String, Object> payload = envelope(message.phoneNumberId(), Map.of("statuses", delivery));
            Runnable reported = () -> delivery.forEach(update -> mailbox.recordStatus(message.wamid(),
                    String.valueOf(update.get("status"))));
            long delay = chaos.delay().toMillis() + sandbox.statusDelay().toMillis() * (i + 1);
            for (int copy = 0; copy <= chaos.duplicates(); copy++) {
                scheduler.schedule(() -> deliver(payload, 1, reported), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    void reportReply(SandboxMessage reply, String payload, String contextWamid, boolean interactive) {
        scheduler.execute(() -> post(replyPayload(reply, payload, contextWamid, interactive)));
    }

    /** Any inbound message of the lead, with Meta's contact beside it. */
    void reportInbound(String phoneNumberId, String fromWaId, Map<String, Object> message) {
        scheduler.execute(() -> post(envelope(phoneNumberId, Map.of(
                "contacts", List.of(Map.of("profile", Map.of("name", "Sandbox lead"), "wa_id", fromWaId)),
                "messages", List.of(message)))));
    }

    private static Map<String, Object> statusUpdate(SandboxMessage message, String status, long epochSecond,
                                                    Integer errorCode) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", message.wamid());
        update.put("status", status);
        update.put("timestamp", String.valueOf(epochSecond));
        update.put("recipient_id", message.to().replace("+", ""));
        if (message.callbackData() != null) {
            update.put("biz_opaque_callback_data", message.callbackData());
        }
        if (errorCode != null) {
            String title = ERROR_TITLES.getOrDefault(errorCode, "Message failed to send");
            update.put("errors", List.of(Map.of("code", errorCode, "title", title, "message", title,
                    "error_data", Map.of("details", "Injected by the sandbox"))));
        } else {
            update.put("pricing", Map.of("billable", true, "pricing_model", "PMP", "type", "regular",
                    "category", "utility"));
        }
        return update;
    }

    private Map<String, Object> replyPayload(SandboxMessage reply, String payload, String contextWamid,
                                             boolean interactive) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", reply.from().replace("+", ""));
        message.put("id", reply.wamid());
        message.put("timestamp", String.valueOf(reply.receivedAt().getEpochSecond()));
        if (contextWamid != null) {
            message.put("context", Map.of("from", DISPLAY_PHONE_NUMBER, "id", contextWamid));
        }
        if (payload != null && interactive) {
            message.put("type", "interactive");
            message.put("interactive", Map.of("type", "button_reply",
                    "button_reply", Map.of("id", payload, "title", reply.text())));
        } else if (payload != null) {
            message.put("type", "button");
            message.put("button", Map.of("payload", payload, "text", reply.text()));
        } else {
            message.put("type", "text");
            message.put("text", Map.of("body", reply.text()));
        }
        return envelope(reply.phoneNumberId(), Map.of(
                "contacts", List.of(Map.of("profile", Map.of("name", "Sandbox lead"), "wa_id", reply.from().replace("+", ""))),
                "messages", List.of(message)));
    }

    private static Map<String, Object> envelope(String phoneNumberId, Map<String, Object> content) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", DISPLAY_PHONE_NUMBER, "phone_number_id", phoneNumberId));
        value.putAll(content);
        return Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", BUSINESS_ACCOUNT_ID,
                "changes", List.of(Map.of("field", "messages", "value", value)))));
    }

    private void post(Map<String, Object> payload) {
        deliver(payload, 1, () -> { });
    }

    /**
     * Like Meta, a delivery that was not answered 200 is tried again later, with a growing delay;
     * {@code delivered} runs once Leadflow took it.
     */
    private void deliver(Map<String, Object> payload, int attempt, Runnable delivered) {
        try {
            byte[] body = json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(localServer.baseUrl() + "/webhooks/whatsapp"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", WebhookSignature.sign(body, whatsApp.appSecret()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                retryLater(payload, attempt, "answered " + response.statusCode(), delivered);
            } else {
                delivered.run();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            retryLater(payload, attempt, e.toString(), delivered);
        }
    }

    private void retryLater(Map<String, Object> payload, int attempt, String why, Runnable delivered) {
        if (attempt >= MAX_DELIVERY_ATTEMPTS || scheduler.isShutdown()) {
            log.warn("Sandbox webhook not delivered after {} attempts: {}", attempt, why);
            return;
        }
        long delaySeconds = Math.min(60, 1L << (attempt - 1));
        log.info("Sandbox webhook {}; trying again in {} s", why, delaySeconds);
        try {
            scheduler.schedule(() -> deliver(payload, attempt + 1, delivered), delaySeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the application is stopping
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
