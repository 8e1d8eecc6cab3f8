package com.mpac.mia;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document lists every MIA POS operation with the document's field names. */
class OpenApiIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldDocumentEveryOperation() {
        JsonNode doc = api().ok(api().getPublic("/v3/api-docs"));
        JsonNode paths = doc.get("paths");

        assertThat(paths.propertyNames()).contains("/pos/api/v1/terminal-activation/init",
                "/pos/api/v1/terminal-activation/resend-otp", "/pos/api/v1/terminal-activation/confirm",
                "/pos/api/v1/terminal-activation/{posActivationId}/info", "/pos/api/v1/seller/login",
                "/pos/api/v1/seller/refresh", "/pos/api/v1/seller/logout", "/pos/api/v1/seller/info",
                "/pos/api/v1/settings", "/pos/api/v1/shift/check", "/pos/api/v1/shift/open",
                "/pos/api/v1/shift/close", "/pos/api/v1/shift/{shiftId}/transactions",
                "/pos/api/v1/shift/{shiftId}/z-report", "/pos/api/v2/shift/{shiftId}/z-report",
                "/pos/api/v2/shift/{shiftId}/x-report", "/pos/api/v2/transaction/{txId}/receipt",
                "/pos/api/v1/transaction/{txId}", "/pos/api/v1/transaction/return", "/pos/api/v2/qr/active",
                "/pos/api/v2/qr", "/pos/api/v2/qr/{qrId}", "/pos/api/v2/qr/{qrId}/extension",
                "/pos/api/v2/qr/extension/{extensionId}/check", "/pos/api/v2/qr/extension/{extensionId}",
                "/pos/api/v1/qr", "/pos/api/v1/qr/{qrId}/check", "/pos/api/v1/qr/{qrId}", "/pos/sandbox/sms",
                "/pos/sandbox/pay", "/v1/sync/merchants");
        assertThat(doc.get("components").toString()).contains("extensionIfo").contains("m\u0441\u0441");
        paths.forEach(path -> path.forEach(operation -> assertThat(operation.has("summary")).isTrue()));
    }
}
