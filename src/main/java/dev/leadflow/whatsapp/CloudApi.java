package dev.leadflow.whatsapp;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

/** Meta's WhatsApp Cloud API, the part Leadflow uses. */
interface CloudApi {

    @RequestLine("POST /{version}/{phoneNumberId}/messages")
    @Headers("Content-Type: application/json")
    SendResponse sendMessage(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
                             Map<String, Object> body);

    /** A media's URL (itself behind the bearer token), type, size and hash, while Meta keeps it. */
    @RequestLine("GET /{version}/{mediaId}")
    Map<String, Object> media(@Param("version") String version, @Param("mediaId") String mediaId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendResponse(List<SentMessage> messages) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SentMessage(String id, @JsonProperty("message_status") String messageStatus) {
    }
}
