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
        String details = error.path("error_data").path("details").asText("");
        String message = error.path("message").asText("") + (details.isEmpty() ? "" : " - " + details);
        return new SendFailedException(CloudApiErrors.classify(code), code, message, null);
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
