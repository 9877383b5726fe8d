package dev.leadflow.whatsapp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.messaging.ChannelReceipt;
import dev.leadflow.messaging.FailureKind;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.OutboundMessage;
import dev.leadflow.messaging.SendFailedException;
import feign.Feign;
import feign.Request;
import feign.RequestTemplate;
import feign.RetryableException;
import feign.Retryer;
import feign.Target;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import feign.okhttp.OkHttpClient;

/** Sends messages through Meta's Cloud API (or the sandbox, which answers the same). */
@Component
class CloudApiChannel implements OutboundChannel {

    private final WhatsAppProperties properties;
    private final CloudApi api;

    CloudApiChannel(WhatsAppProperties properties, LocalServer localServer) {
        this.properties = properties;
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // a silent re-POST after a broken connection could send the message twice
                .retryOnConnectionFailure(false)
                .build();
        this.api = Feign.builder()
                .client(new OkHttpClient(http))
                .encoder(new JacksonEncoder(json))
                .decoder(new JacksonDecoder(json))
                .errorDecoder(new CloudApiErrorDecoder(json))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(properties.connectTimeout(), properties.readTimeout(), false))
                .requestInterceptor(template -> template.header("Authorization", "Bearer " + properties.accessToken()))
                .target(new GraphTarget(properties, localServer));
    }

    /** Meta's description of an inbound message's media ({@code GET /{media-id}}). */
    Map<String, Object> media(String mediaId) {
        return api.media(properties.apiVersion(), mediaId);
    }

    @Override
    public String defaultChannelId() {
        return properties.phoneNumberId();
    }

    @Override
    public ChannelReceipt send(OutboundMessage message) {
        CloudApi.SendResponse response;
        try {
            response = api.sendMessage(properties.apiVersion(), message.channelId(),
                    message.freeForm() ? textBody(message) : templateBody(message));
        } catch (RetryableException e) {
            throw classifyIoFailure(e);
        }
        if (response == null || response.messages() == null || response.messages().isEmpty()) {
            throw new SendFailedException(FailureKind.AMBIGUOUS, null, "an answer without a message id", null);
        }
        CloudApi.SentMessage sent = response.messages().get(0);
        return new ChannelReceipt(sent.id(), sent.messageStatus());
    }

    @Override
    public FailureKind classify(int errorCode) {
        return CloudApiErrors.classify(errorCode);
    }

    @Override
    public String plainWords(int errorCode) {
        return CloudApiErrors.plainWords(errorCode);
    }

    /** A connection never made cannot have delivered anything; any later I/O failure might have. */
    private static SendFailedException classifyIoFailure(RetryableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new SendFailedException(FailureKind.RETRYABLE, null, "cannot connect: " + cause.getMessage(), e);
        }
        String what = cause instanceof IOException ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                : e.getMessage();
        return new SendFailedException(FailureKind.AMBIGUOUS, null, what, e);
    }

    static Map<String, Object> templateBody(OutboundMessage message) {
        List<Map<String, Object>> components = new ArrayList<>();
        if (!message.bodyParameters().isEmpty()) {
            components.add(Map.of("type", "body", "parameters",
                    message.bodyParameters().stream().map(text -> Map.of("type", "text", "text", text)).toList()));
        }
        for (int index = 0; index < message.quickReplyPayloads().size(); index++) {
            components.add(Map.of("type", "button", "sub_type", "quick_reply", "index", String.valueOf(index),
                    "parameters", List.of(Map.of("type", "payload", "payload", message.quickReplyPayloads().get(index)))));
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", message.templateName());
        template.put("language", Map.of("code", message.languageCode()));
        if (!components.isEmpty()) {
            template.put("components", components);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.recipientPhone());
        body.put("type", "template");
        body.put("biz_opaque_callback_data", message.callbackData());
        body.put("template", template);
        return body;
    }

    static Map<String, Object> textBody(OutboundMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.recipientPhone());
        body.put("type", "text");
        body.put("biz_opaque_callback_data", message.callbackData());
        body.put("text", Map.of("preview_url", false, "body", message.text()));
        return body;
    }

    /** Resolves the base URL per request: the sandbox's address is known only once the server runs. */
    private record GraphTarget(WhatsAppProperties properties, LocalServer localServer) implements Target<CloudApi> {

        @Override
        public Class<CloudApi> type() {
            return CloudApi.class;
        }

        @Override
        public String name() {
            return "whatsapp-cloud-api";
        }

        @Override
        public String url() {
            return properties.usesSandbox() ? localServer.baseUrl() + "/sandbox/graph" : properties.baseUrl();
        }

        @Override
        public Request apply(RequestTemplate input) {
            input.target(url());
            return input.request();
        }
    }
}
