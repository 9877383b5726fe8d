package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What Meta is answered when its delivery cannot be stored: 503, so that it delivers it again. */
class WebhookServletTest {

    private static final String SECRET = "servlet-test-secret";
    private static final String BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";

    @Test
    void aDeliveryThatCannotBeStoredIsAnswered503WithRetryAfter() throws Exception {
        WebhookIngestion ingestion = mock(WebhookIngestion.class);
        when(ingestion.accept(anyString())).thenThrow(new CannotCreateTransactionException("database away"));
        WebhookServlet servlet = new WebhookServlet(new WhatsAppProperties(null, null, "token", SECRET, "verify",
                "1", null, null), ingestion, new ObjectMapper());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", WebhookServlet.PATH);
        request.setContent(BODY.getBytes(StandardCharsets.UTF_8));
        request.addHeader("X-Hub-Signature-256", WebhookSignature.sign(BODY.getBytes(StandardCharsets.UTF_8), SECRET));
        MockHttpServletResponse response = new MockHttpServletResponse();

        servlet.service(request, response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("Storage is unavailable").doesNotContain("database away");
    }
}
