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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendResponse(List<SentMessage> messages) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SentMessage(String id, @JsonProperty("message_status") String messageStatus) {
    }
}
