package dev.leadflow.whatsapp;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/** Meta's webhook in the OpenAPI description: {@link WebhookServlet} is not a controller springdoc could read. */
class WebhookApiDescription implements OpenApiCustomizer {

    private static final String TAG = "Meta's webhook";

    @Override
    public void customise(OpenAPI api) {
        api.path(WebhookServlet.PATH, new PathItem().get(verification()).post(delivery()));
    }

    private static Operation verification() {
        return new Operation().addTagsItem(TAG).operationId("verifyWebhook")
                .summary("The verification handshake: answers hub.challenge when hub.verify_token matches")
                .security(List.of())
                .addParametersItem(new QueryParameter().name("hub.mode").schema(new StringSchema()))
                .addParametersItem(new QueryParameter().name("hub.verify_token").schema(new StringSchema()))
                .addParametersItem(new QueryParameter().name("hub.challenge").schema(new StringSchema()))
                .responses(new ApiResponses()
                        .addApiResponse("200", text("the challenge, echoed"))
                        .addApiResponse("403", text("verification failed")));
    }

    private static Operation delivery() {
        return new Operation().addTagsItem(TAG).operationId("receiveWebhook")
                .summary("A signed delivery (statuses, messages, user preferences): stored, answered, then processed")
                .security(List.of())
                .addParametersItem(new HeaderParameter().name("X-Hub-Signature-256").required(true)
                        .description("sha256= and the HMAC-SHA256 of the raw body, keyed with the app secret")
                        .schema(new StringSchema()))
                .requestBody(new RequestBody().required(true)
                        .content(content(MediaType.APPLICATION_JSON_VALUE, new ObjectSchema())))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("stored; processed right after"))
                        .addApiResponse("400", problem("the body is not JSON, or could not be read"))
                        .addApiResponse("401", problem("X-Hub-Signature-256 does not match the body"))
                        .addApiResponse("413", problem("the body is larger than 4 MiB")));
    }

    private static ApiResponse text(String description) {
        return new ApiResponse().description(description)
                .content(content(MediaType.TEXT_PLAIN_VALUE, new StringSchema()));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(content(MediaType.APPLICATION_PROBLEM_JSON_VALUE, new ObjectSchema()));
    }

    private static Content content(String mediaType, Schema<?> schema) {
        return new Content().addMediaType(mediaType, new io.swagger.v3.oas.models.media.MediaType().schema(schema));
    }
}
