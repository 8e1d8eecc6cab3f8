package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.testsupport.TestHttp;

/**
 * The "Try it" walkthrough of mobilepay-adapter/README.md against the launched platform: the platform admin onboards a
 * merchant with MobilePay in svc-portal, the configuration push carries its generated bioCode and terminal to
 * mobilepay-adapter, and a POS system then runs the direct flow (capturing less than reserved, refunding part), the
 * prepared flow and one flow in XML, reading payment/status after every step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobilePayWalkthroughE2ETests {

    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private LocalPlatform platform;
    private TestHttp portal;
    private TestHttp mobilePay;

    private String terminalId;
    private String storeId;
    private String bioCode;
    private String accessToken;
    private String posId;

    @BeforeAll
    void startPlatformAndOnboardTheMerchant() throws IOException {
        platform = LocalPlatform.start(Path.of(System.getProperty("mpac.root", "..")).toAbsolutePath().normalize());
        // The first start after a build trains each service's AOT cache, slow on a busy machine.
        platform.awaitReady(Duration.ofMinutes(15));
        portal = new TestHttp(platform.url("svc-portal"));
        mobilePay = new TestHttp(platform.url("mobilepay-adapter"));

        // README step 1: the platform admin signs in and builds PSP → merchant (MOBILEPAY enabled) → store → terminal.
        String admin = created(portal.post("/api/v1/auth/user/login", json.writeValueAsString(Map.of(
                "email", platform.setting("MPAC_ADMIN_EMAIL"), "password", platform.setting("MPAC_ADMIN_PASSWORD"))),
                Map.of()), 200).get("accessToken").asString();
        Map<String, String> asAdmin = Map.of("Authorization", "Bearer " + admin);
        String psp = created(portal.post("/api/v1/psps", "{\"name\":\"Nordic Payments\"}", asAdmin), 201)
                .get("id").asString();
        String merchant = created(portal.post("/api/v1/merchants", """
                {"pspId":"%s","name":"Kaffe Kbh","enabledProviders":["MOBILEPAY"]}""".formatted(psp), asAdmin), 201)
                .get("id").asString();
        storeId = created(portal.post("/api/v1/stores", """
                {"merchantId":"%s","name":"Nyhavn","address":{"line1":"Nyhavn 1","city":"Copenhagen",
                 "postalCode":"1051","country":"DK"},"timezone":"Europe/Copenhagen"}""".formatted(merchant),
                asAdmin), 201).get("id").asString();
        terminalId = created(portal.post("/api/v1/terminals",
                "{\"storeId\":\"" + storeId + "\",\"name\":\"Till 1\"}", asAdmin), 201).get("id").asString();

        // Step 2: the bioCode the portal generated, read back from the merchant.
        bioCode = created(portal.get("/api/v1/merchants/" + merchant, asAdmin), 200).get("mobilepayBioCode")
                .asString();
        assertThat(terminalId).startsWith("ter_");
        assertThat(bioCode).hasSize(40);
    }

    @AfterAll
    void stopPlatform() throws InterruptedException, IOException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldFollowTheReadmeWalkthroughFromPortalOnboardingToARefund() {
        // Step 3: the push reaches mobilepay-adapter (asynchronously, from the portal's outbox); the first
        // manage/token that finds the merchant creates its token.
        AtomicReference<HttpResponse<String>> token = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            token.set(mobilePay.get("/api/pos/manage/token?bioCode=" + bioCode));
            return token.get().statusCode() != 404;
        });
        accessToken = created(token.get(), 200).get("accessToken").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> pos("GET",
                "/manage/store", Map.of("storeId", storeId)).body().contains(terminalId));
        JsonNode stores = ok(pos("GET", "/manage/stores", Map.of()));
        assertThat(stores.get("storeIds").toString()).contains(storeId);

        // Step 4: a PoS for the portal's terminal.
        JsonNode created = ok(pos("GET", "/manage/create", Map.of("terminalId", terminalId)));
        posId = created.get("posId").asString();
        assertThat(posId).startsWith("pos_");
        assertThat(created.get("terminalId").asString()).isEqualTo(terminalId);

        // Step 5: the direct flow.
        JsonNode started = ok(pos("GET", "/payment/start", Map.of("orderId", "o1", "amount", "125.50",
                "terminalId", terminalId, "currencyCode", "DKK")));
        String paymentId = started.get("paymentId").asString();
        assertThat(started.get("amount").toString()).isEqualTo("125.50");
        assertThat(status(paymentId)).isEqualTo("Initiated");
        ok(sandbox("/pos/" + posId + "/checkin", "{\"customerId\":\"cus_anna\",\"customerName\":\"Anna\"}"));
        assertThat(status(paymentId)).isEqualTo("Paired");
        JsonNode checkedIn = ok(pos("GET", "/manage/checkInStatus/byterminalId", Map.of("terminalId", terminalId)));
        assertThat(checkedIn.get("customerId").asString()).isEqualTo("cus_anna");
        ok(sandbox("/pos/" + posId + "/payment/issue", "{}"));
        assertThat(status(paymentId)).isEqualTo("IssuedToUser");
        ok(sandbox("/pos/" + posId + "/payment/approve", "{}"));
        assertThat(status(paymentId)).isEqualTo("Reserved");

        JsonNode captured = ok(pos("GET", "/payment/capture", Map.of("paymentId", paymentId, "amount", "100.00")));
        assertThat(captured.get("capturedAmount").toString()).isEqualTo("100.00");
        assertThat(captured.get("amount").toString()).isEqualTo("125.50");
        assertThat(status(paymentId)).isEqualTo("Captured");

        JsonNode refund = ok(pos("GET", "/refund/create", Map.of("paymentId", paymentId, "amount", "30",
                "currencyCode", "DKK", "refundOrderId", "r1")));
        String refundId = refund.get("refundId").asString();
        assertThat(refund.get("status").asString()).isEqualTo("Initiated");
        assertThat(refund.get("amount").toString()).isEqualTo("30.00");
        assertThat(ok(pos("GET", "/refund/capture", Map.of("refundId", refundId))).get("status").asString())
                .isEqualTo("Captured");
        assertThat(ok(pos("GET", "/refunds", Map.of("paymentId", paymentId))).get("refundIds").toString())
                .isEqualTo("[\"" + refundId + "\"]");
        JsonNode details = ok(pos("GET", "/payment/details", Map.of("paymentId", paymentId)));
        assertThat(details.get("refundedAmount").toString()).isEqualTo("30.00");
        assertThat(status(paymentId)).isEqualTo("Captured");

        // Step 6: the prepared flow, after the shopper has left: Prepared, then Initiated once it has its amount.
        ok(sandbox("/pos/" + posId + "/checkout", "{}"));
        JsonNode prepared = ok(pos("GET", "/payment/prepare", Map.of("orderId", "o2", "terminalId", terminalId)));
        String preparedId = prepared.get("paymentId").asString();
        assertThat(prepared.get("amount").isNull()).isTrue();
        assertThat(status(preparedId)).isEqualTo("Prepared");
        JsonNode ready = ok(pos("GET", "/payment/ready", Map.of("orderId", "o2", "amount", "42",
                "terminalId", terminalId, "currencyCode", "DKK", "paymentId", preparedId)));
        assertThat(ready.get("amount").toString()).isEqualTo("42.00");
        assertThat(status(preparedId)).isEqualTo("Initiated");
        ok(sandbox("/pos/" + posId + "/checkin", "{}"));
        assertThat(status(preparedId)).isEqualTo("Paired");
        ok(sandbox("/pos/" + posId + "/payment/issue", "{}"));
        assertThat(status(preparedId)).isEqualTo("IssuedToUser");
        ok(sandbox("/pos/" + posId + "/payment/approve", "{}"));
        assertThat(status(preparedId)).isEqualTo("Reserved");
        assertThat(ok(pos("GET", "/payment/capture", Map.of("paymentId", preparedId))).get("capturedAmount")
                .toString()).isEqualTo("42.00");
        assertThat(status(preparedId)).isEqualTo("Captured");
        ok(sandbox("/pos/" + posId + "/checkout", "{}"));

        // Step 7: one flow with Accept: application/xml.
        Map<String, String> xml = Map.of("Accept", "application/xml");
        HttpResponse<String> xmlStart = pos("GET", "/payment/start", Map.of("orderId", "o3", "amount", "9.95",
                "terminalId", terminalId, "currencyCode", "DKK"), xml);
        assertThat(xmlStart.statusCode()).isEqualTo(200);
        assertThat(xmlStart.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        String xmlId = xmlStart.body().replaceAll("(?s).*<paymentId>([^<]+)</paymentId>.*", "$1");
        assertThat(xmlId).startsWith("pay_");
        assertThat(xmlStatus(xmlId)).contains("<status>Initiated</status>").contains("<amount>9.95</amount>");
        ok(sandbox("/pos/" + posId + "/checkin", "{}"));
        assertThat(xmlStatus(xmlId)).contains("<status>Paired</status>");
        ok(sandbox("/pos/" + posId + "/payment/issue", "{}"));
        assertThat(xmlStatus(xmlId)).contains("<status>IssuedToUser</status>");
        ok(sandbox("/pos/" + posId + "/payment/approve", "{}"));
        assertThat(xmlStatus(xmlId)).contains("<status>Reserved</status>");
        HttpResponse<String> xmlCapture = pos("GET", "/payment/capture", Map.of("paymentId", xmlId, "amount", "5"),
                xml);
        assertThat(xmlCapture.body()).contains("<status>Captured</status>")
                .contains("<capturedAmount>5.00</capturedAmount>");
        assertThat(xmlStatus(xmlId)).contains("<status>Captured</status>");
        HttpResponse<String> xmlError = pos("GET", "/payment/cancel", Map.of("paymentId", xmlId), xml);
        assertThat(xmlError.statusCode()).isEqualTo(409);
        assertThat(xmlError.body()).contains("<code>InvalidPaymentState</code>");
    }

    private String status(String paymentId) {
        return ok(pos("GET", "/payment/status", Map.of("paymentId", paymentId))).get("status").asString();
    }

    private String xmlStatus(String paymentId) {
        HttpResponse<String> response = pos("GET", "/payment/status", Map.of("paymentId", paymentId),
                Map.of("Accept", "application/xml"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> pos(String method, String path, Map<String, String> params) {
        return pos(method, path, params, Map.of());
    }

    /** A POS API call with accessToken and bioCode in the query string, as the document has it. */
    private HttpResponse<String> pos(String method, String path, Map<String, String> params,
            Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("accessToken", accessToken);
        all.put("bioCode", bioCode);
        String query = all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return mobilePay.send(method, "/api/pos" + path + "?" + query, null, headers);
    }

    private HttpResponse<String> sandbox(String path, String body) {
        return mobilePay.post("/api/pos/sandbox" + path, body, Map.of());
    }

    private JsonNode ok(HttpResponse<String> response) {
        return created(response, 200);
    }

    private JsonNode created(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri().getPath() + " " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }
}
