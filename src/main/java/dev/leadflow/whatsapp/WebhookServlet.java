package dev.leadflow.whatsapp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.ServerHttpObservationFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Meta's webhook: the verification handshake and signed event deliveries. A delivery is checked
 * (signature over the raw bytes, then JSON syntax), stored, and answered at once; it is processed after
 * (see {@link WebhookIngestion}), so the answer stays fast however busy the engine is.
 *
 * <p>A servlet of its own rather than a controller: it is the busiest endpoint (three or more requests per
 * message, in Meta's bursts), its shape never varies, and Spring MVC's binding and content negotiation cost
 * more CPU than the delivery's own work (docs/adr/0016-webhook-servlet.md). The filters (request size, security,
 * metrics) still run; {@link WebhookApiDescription} keeps it in the OpenAPI description.
 */
class WebhookServlet extends HttpServlet {

    static final String PATH = "/webhooks/whatsapp";
    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);

    private final transient WhatsAppProperties properties;
    private final transient WebhookIngestion ingestion;
    private final transient ObjectMapper json;

    WebhookServlet(WhatsAppProperties properties, WebhookIngestion ingestion, ObjectMapper json) {
        this.properties = properties;
        this.ingestion = ingestion;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        named(request);
        String challenge = request.getParameter("hub.challenge");
        String token = request.getParameter("hub.verify_token");
        boolean verified = "subscribe".equals(request.getParameter("hub.mode")) && challenge != null
                && token != null && token.equals(properties.verifyToken());
        response.setStatus(verified ? HttpStatus.OK.value() : HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(verified ? challenge : "verification failed");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        named(request);
        byte[] raw;
        try {
            raw = request.getInputStream().readAllBytes();
        } catch (IOException unreadable) {
            problem(request, response, HttpStatus.BAD_REQUEST, "The body could not be read");
            return;
        }
        if (!WebhookSignature.matches(raw, request.getHeader("X-Hub-Signature-256"), properties.appSecret())) {
            problem(request, response, HttpStatus.UNAUTHORIZED, "X-Hub-Signature-256 does not match the body");
            return;
        }
        if (!isOneJsonValue(raw)) {
            problem(request, response, HttpStatus.BAD_REQUEST, "The body is not JSON");
            return;
        }
        try {
            ingestion.accept(new String(raw, StandardCharsets.UTF_8));
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException
                 | TransientDataAccessException storageAway) {
            log.warn("A webhook delivery could not be stored ({}); answered 503, Meta delivers it again",
                    storageAway.getClass().getSimpleName());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problem(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "Storage is unavailable for a moment; nothing was stored. Deliver it again.");
            return;
        }
        response.setStatus(HttpStatus.OK.value());
    }

    /** Requests are measured under the endpoint's path, as a controller's would be. */
    private static void named(HttpServletRequest request) {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(PATH));
    }

    /** Checks the syntax by streaming over the tokens, without building the tree the processing builds later. */
    private boolean isOneJsonValue(byte[] raw) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(raw)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                         String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
