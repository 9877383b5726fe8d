package dev.leadflow.crmevents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

/** Posts the event's stored body, signed, to the subscription's URL; any 2xx is a delivery. */
@Component
class WebhookDestination implements EventDestination {

    private final HttpClient http;
    private final CrmEventsProperties properties;
    private final Clock clock;

    WebhookDestination(CrmEventsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String kind() {
        return Subscriptions.WEBHOOK;
    }

    @Override
    public void deliver(Subscriptions.Subscription subscription, OutboundEvent event) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Leadflow-Events/1")
                .header(EventSignature.EVENT_ID_HEADER, event.eventId())
                .header(EventSignature.EVENT_TYPE_HEADER, event.type())
                .header(EventSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(EventSignature.SIGNATURE_HEADER,
                        EventSignature.sign(subscription.secret(), timestamp, event.body()))
                .POST(HttpRequest.BodyPublishers.ofString(event.body()))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailedException("no answer: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new DeliveryFailedException("HTTP " + status, retryAfter(response));
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse).orElse(null);
    }
}
