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
}
