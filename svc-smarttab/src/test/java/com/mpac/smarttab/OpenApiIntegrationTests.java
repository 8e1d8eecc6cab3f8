package com.mpac.smarttab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.mpac.smarttab.support.SmartTabIntegrationTest;

import tools.jackson.databind.JsonNode;

/** Every route of the seed (and the two SmartTab adds) is in the OpenAPI document, with its methods. */
class OpenApiIntegrationTests extends SmartTabIntegrationTest {

    @Test
    void shouldDocumentEveryRoute() {
        JsonNode paths = json(http().get("/v3/api-docs")).path("paths");

        assertThat(paths.path("/orders").has("post")).isTrue();
        assertThat(paths.path("/orders").has("get")).isTrue();
        assertThat(paths.path("/orders/{id}").has("get")).isTrue();
        assertThat(paths.path("/orders/{id}").has("patch")).isTrue();
        assertThat(paths.path("/orders/{id}/cancel").has("post")).isTrue();
        assertThat(paths.path("/bills").has("post")).isTrue();
        assertThat(paths.path("/bills").has("get")).isTrue();
        assertThat(paths.path("/bills/{id}").has("get")).isTrue();
        assertThat(paths.path("/bills/{id}/split").has("post")).isTrue();
        assertThat(paths.path("/bills/combine").has("post")).isTrue();
        assertThat(paths.path("/payments").has("post")).isTrue();
        assertThat(paths.path("/payments").has("get")).isTrue();
        assertThat(paths.path("/payments/{id}").has("get")).isTrue();
        assertThat(paths.path("/payments/{id}/refund").has("post")).isTrue();
        assertThat(paths.path("/customers").has("post")).isTrue();
        assertThat(paths.path("/customers").has("get")).isTrue();
        assertThat(paths.path("/customers/{id}").has("get")).isTrue();
        assertThat(paths.path("/customers/{id}/orders").has("get")).isTrue();
        assertThat(paths.path("/settlements").has("post")).isTrue();
        assertThat(paths.path("/settlements").has("get")).isTrue();
        assertThat(paths.path("/settlements/{id}").has("get")).isTrue();
        assertThat(paths.path("/settlements/{id}/close").has("post")).isTrue();
        assertThat(paths.path("/webhooks/pgw").has("post")).isTrue();
    }

    /**
     * The request bodies are described as SmartTab reads them: snake_case names, and one schema per request type
     * (the three {@code Create} records once shared one schema, so the document gave POST /orders, /bills and
     * /payments the payment's body, in camelCase).
     */
    @Test
    void shouldDescribeEachBodyInSnakeCaseWithASchemaOfItsOwn() {
        JsonNode document = json(http().get("/v3/api-docs"));

        assertThat(properties(document, "/orders")).contains("currency", "items", "customer_id")
                .doesNotContain("bill_id");
        assertThat(properties(document, "/bills")).containsExactlyInAnyOrder("order_id", "customer_id");
        assertThat(properties(document, "/payments")).contains("bill_id", "method", "payment_method")
                .doesNotContain("billId", "paymentMethod");
        assertThat(properties(document, "/bills/combine")).containsExactly("bill_ids");
    }

    private static java.util.List<String> properties(JsonNode document, String path) {
        String ref = document.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asString();
        JsonNode schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        return schema.path("properties").propertyNames().stream().toList();
    }
}
