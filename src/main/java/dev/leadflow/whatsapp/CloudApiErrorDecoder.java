package dev.leadflow.whatsapp;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.messaging.FailureKind;
import dev.leadflow.messaging.SendFailedException;
import feign.Response;
import feign.codec.ErrorDecoder;

/** Turns an error answer into a classified failure, branching on {@code error.code}, not the HTTP status. */
class CloudApiErrorDecoder implements ErrorDecoder {

    private final ObjectMapper json;

    CloudApiErrorDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        JsonNode error = readError(response);
        if (error == null || !error.hasNonNull("code")) {
            return withoutErrorBody(response.status());
        }
        int code = error.path("code").asInt();
        String message = metaText(code, error.path("message").asText(""),
                error.path("error_data").path("details").asText(""));
        return new SendFailedException(CloudApiErrors.classify(code), code, message, null);
    }

    /**
     * Meta's message without its own "(#code) " prefix (the ledger shows the code once), and its details
     * only when they add something: "(#132001) X" with details "X" reads "X", not "(#132001) X - X".
     */
    static String metaText(int code, String message, String details) {
        String text = message.replaceFirst("^\\(#" + code + "\\)\\s*", "").strip();
        String more = details.strip();
        if (more.isEmpty() || text.contains(more)) {
            return text;
        }
        return text.isEmpty() || more.contains(text) ? more : text + " - " + more;
    }

    private static SendFailedException withoutErrorBody(int status) {
        if (status >= 500) {
            return new SendFailedException(FailureKind.AMBIGUOUS, null,
                    "HTTP " + status + " without an error body: Meta may have accepted the message", null);
        }
        if (status == 401) {
            return new SendFailedException(FailureKind.CHANNEL_AUTH, null, "HTTP 401 without an error body", null);
        }
        return new SendFailedException(FailureKind.RETRYABLE, null, "HTTP " + status + " without an error body", null);
    }

    private JsonNode readError(Response response) {
        if (response.body() == null) {
            return null;
        }
        try (InputStream body = response.body().asInputStream()) {
            return json.readTree(body).get("error");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
