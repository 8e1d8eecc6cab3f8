package com.mpac.mobilepay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mpac.testsupport.ServiceBootIntegrationTests;
import com.mpac.testsupport.TestHttp;

/**
 * mobilepay-adapter boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema;
 * with the platform defaults the shopper's sandbox is off.
 */
class MobilePayAdapterApplicationIntegrationTests extends ServiceBootIntegrationTests {

    @Test
    void shouldAnswerSandboxRoutesWith404WhenTheSandboxIsOff() {
        HttpResponse<String> scan = TestHttp.localhost(port()).post("/api/pos/sandbox/scan",
                "{\"qrContent\":\"mobilepaypos://pos?id=pos_x&source=qr\"}", Map.of());

        assertThat(scan.statusCode()).isEqualTo(404);
        assertThat(scan.body()).contains("\"code\":\"NotFound\"");
    }

    @Test
    void shouldDocumentEveryOperationOfTheDocument() {
        String doc = get("/v3/api-docs").body();
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/api-docs.json"), doc);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }

        for (String path : new String[] { "/api/pos/manage/token", "/api/pos/manage/token/reset",
                "/api/pos/manage/create", "/api/pos/manage/delete", "/api/pos/manage/terminal/information",
                "/api/pos/manage/stores", "/api/pos/manage/store", "/api/pos/manage/checkInStatus/byposId",
                "/api/pos/manage/checkInStatus/byterminalId", "/api/pos/terminal/qrcode", "/api/pos/payment/start",
                "/api/pos/payment/start/byPosId", "/api/pos/payment/prepare", "/api/pos/payment/ready",
                "/api/pos/payment/details", "/api/pos/payments", "/api/pos/payment/status",
                "/api/pos/payment/capture", "/api/pos/payment/cancel", "/api/pos/payment/id/retrieve/bystate",
                "/api/pos/payment/id/retrieve/byterminal", "/api/pos/payment/id/retrieve/byposId",
                "/api/pos/refund/create", "/api/pos/refund/details", "/api/pos/refunds", "/api/pos/refund/capture",
                "/api/pos/refund/cancel" }) {
            assertThat(doc).as(path).contains("\"" + path + "\"");
        }
        assertThat(doc).contains("\"Payment\"").contains("\"Error\"").contains("\"accessToken\"");
    }
}
