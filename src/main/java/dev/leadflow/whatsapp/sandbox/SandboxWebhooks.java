package dev.leadflow.whatsapp.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
    private final Clock clock;

    SandboxWebhooks(WhatsAppProperties whatsApp, SandboxProperties sandbox, LocalServer localServer, ObjectMapper json,
                    Clock clock) {
        this.whatsApp = whatsApp;
        this.sandbox = sandbox;
        this.localServer = localServer;
        this.json = json;
        this.clock = clock;
    }

    /** sent, delivered and read, each {@code statusDelay} after the one before. */
    void reportProgress(SandboxMessage message) {
        List<String> statuses = List.of("sent", "delivered", "read");
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            scheduler.schedule(() -> post(statusPayload(message, status)),
                    sandbox.statusDelay().toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
    }

    void reportReply(SandboxMessage reply, String payload, String contextWamid) {
        scheduler.execute(() -> post(replyPayload(reply, payload, contextWamid)));
    }

    private Map<String, Object> statusPayload(SandboxMessage message, String status) {
        Map<String, Object> update = new java.util.LinkedHashMap<>();
        update.put("id", message.wamid());
        update.put("status", status);
        update.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        update.put("recipient_id", message.to().replace("+", ""));
        if (message.callbackData() != null) {
            update.put("biz_opaque_callback_data", message.callbackData());
        }
        update.put("pricing", Map.of("billable", true, "pricing_model", "PMP", "type", "regular",
                "category", "utility"));
        return envelope(message.phoneNumberId(), Map.of("statuses", List.of(update)));
    }

    private Map<String, Object> replyPayload(SandboxMessage reply, String payload, String contextWamid) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("from", reply.from().replace("+", ""));
        message.put("id", reply.wamid());
        message.put("timestamp", String.valueOf(reply.receivedAt().getEpochSecond()));
        if (contextWamid != null) {
            message.put("context", Map.of("from", DISPLAY_PHONE_NUMBER, "id", contextWamid));
        }
        if (payload != null) {
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
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", DISPLAY_PHONE_NUMBER, "phone_number_id", phoneNumberId));
        value.putAll(content);
        return Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", BUSINESS_ACCOUNT_ID,
                "changes", List.of(Map.of("field", "messages", "value", value)))));
    }

    private void post(Map<String, Object> payload) {
        deliver(payload, 1);
    }

    /** Like Meta, a delivery that was not answered 200 is tried again later, with a growing delay. */
    private void deliver(Map<String, Object> payload, int attempt) {
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
                retryLater(payload, attempt, "answered " + response.statusCode());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            retryLater(payload, attempt, e.toString());
        }
    }

    private void retryLater(Map<String, Object> payload, int attempt, String why) {
        if (attempt >= MAX_DELIVERY_ATTEMPTS || scheduler.isShutdown()) {
            log.warn("Sandbox webhook not delivered after {} attempts: {}", attempt, why);
            return;
        }
        long delaySeconds = Math.min(60, 1L << (attempt - 1));
        log.info("Sandbox webhook {}; trying again in {} s", why, delaySeconds);
        try {
            scheduler.schedule(() -> deliver(payload, attempt + 1), delaySeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the application is stopping
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
