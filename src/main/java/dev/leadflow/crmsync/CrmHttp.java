package dev.leadflow.crmsync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crmevents.RetryAfter;

/**
 * A CRM API's HTTP calls within its rate limit: a token per request, bounded timeouts, and a 429 honoured
 * (its Retry-After holds every further request of this node).
 */
public final class CrmHttp {

    /** The CRM did not answer as hoped; {@code retryAfter} set when trying later should work. */
    public static final class CrmApiException extends RuntimeException {

        private final int status;
        private final Duration retryAfter;

        CrmApiException(String message, int status, Duration retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        /** Null when retrying will not help (a 4xx other than 429). */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private static final Duration WAIT_FOR_A_TOKEN = Duration.ofSeconds(5);
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(10);

    private final String crm;
    private final TokenBucket bucket;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    public CrmHttp(String crm, TokenBucket bucket, Duration timeout, ObjectMapper json) {
        this.crm = crm;
        this.bucket = bucket;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public JsonNode get(String url, String headerName, String headerValue) {
        return send(HttpRequest.newBuilder(URI.create(url)).header(headerName, headerValue).GET());
    }

    public JsonNode post(String url, String headerName, String headerValue, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header(headerName, headerValue)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            if (!bucket.acquire(WAIT_FOR_A_TOKEN)) {
                throw new CrmApiException(crm + " rate limit of this node reached", 429, Duration.ofSeconds(1));
            }
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 429) {
                Duration wait = response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse)
                        .or(() -> response.headers().firstValue("X-RateLimit-Reset").flatMap(RetryAfter::parse))
                        .orElse(DEFAULT_RETRY);
                bucket.blockFor(wait);
                throw new CrmApiException(crm + " API: HTTP 429, retry after " + wait, status, wait);
            }
            if (status >= 500) {
                throw new CrmApiException(crm + " API: HTTP " + status, status, DEFAULT_RETRY);
            }
            if (status >= 400) {
                throw new CrmApiException(crm + " API: HTTP " + status + " " + abbreviated(response.body()), status,
                        null);
            }
            return response.body() == null || response.body().isBlank() ? json.createObjectNode()
                    : json.readTree(response.body());
        } catch (IOException e) {
            throw new CrmApiException(crm + " API unreachable: " + e.getClass().getSimpleName(), 0, DEFAULT_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException(crm + " API call interrupted", 0, DEFAULT_RETRY);
        }
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
    }
}
