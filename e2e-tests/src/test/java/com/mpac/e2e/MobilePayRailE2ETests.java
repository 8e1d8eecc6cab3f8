package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.testsupport.TestHttp;

/**
 * A PaymentIntent paid on the MOBILEPAY rail through the launched platform: the merchant back end confirms a
 * manual-capture intent with {@code mobilepay}/{@code mobilepay} at mpac-pgw, which starts a direct payment at the
 * merchant's terminal's PoS through mobilepay-adapter's internal provider interface; the shopper checks in with the
 * PoS QR code and approves in mobilepay-adapter's sandbox, the adapter's signed event puts the intent in
 * {@code requires_capture}; the gateway captures part (the rest released) and refunds part, and the merchant sees
 * the same payment through the MobilePay POS API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobilePayRailE2ETests {

    private static final String API_SECRET = "mps_e2e_mobilepay_secret_0123456789ab";

    private final JsonMapper json = JsonMapper.builder().build();
    private LocalPlatform platform;
    private HmacSigner portal;

    @BeforeAll
    void startPlatform() throws IOException {
        platform = LocalPlatform.start(Path.of(System.getProperty("mpac.root", "..")).toAbsolutePath().normalize());
        // The first start after a build trains each service's AOT cache, slow on a busy machine.
        platform.awaitReady(Duration.ofMinutes(15));
        portal = new HmacSigner(PlatformKeys.parse(platform.setting("MPAC_PLATFORM_KEYS")).keyOf("svc-portal")
                .orElseThrow(), Clock.systemUTC());
    }

    @AfterAll
    void stopPlatform() throws InterruptedException, IOException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldPayAManualPaymentIntentByMobilePayCaptureInPartAndRefundPart() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String merchantId = "m_e2e_" + suffix;
        String bioCode = "BIO" + suffix.toUpperCase();
        // The configuration svc-portal pushes, to the gateway and to the adapter: a MobilePay account (its bioCode),
        // a store with one terminal, and an API key.
        String configuration = """
                {"merchant_id":"%s","version":1,"psp_id":"psp_e2e","name":"Kaffebar","status":"ACTIVE",
                 "providers":[{"provider":"MOBILEPAY","enabled":true,"identifiers":{},
                               "credentials":{"bio_code":"%s"}}],
                 "stores":[{"store_id":"st_%s","name":"Nyhavn","status":"ACTIVE","timezone":"Europe/Copenhagen",
                            "terminals":[{"terminal_id":"t_%s","serial_number":"SN-1","status":"ACTIVE",
                                          "provider_terminal_ids":{}}]}],
                 "api_keys":[{"key_id":"mpk_e2e_%s","secrets":["%s"],"status":"ACTIVE"}],
                 "webhook_endpoints":[],"api_users":[]}
                """.formatted(merchantId, bioCode, suffix, suffix, suffix, API_SECRET);
        push("mpac-pgw", configuration);
        push("mobilepay-adapter", configuration);
        HmacSigner merchant = new HmacSigner("mpk_e2e_" + suffix, API_SECRET, Clock.systemUTC());

        JsonNode intent = call(merchant, "POST", "/v1/payment_intents",
                "{\"amount\":12550,\"currency\":\"DKK\",\"capture_method\":\"manual\",\"description\":\"Table 2\"}",
                201);
        String id = intent.get("id").asString();
        JsonNode waiting = call(merchant, "POST", "/v1/payment_intents/" + id + "/confirm",
                "{\"provider\":\"mobilepay\",\"payment_method\":\"mobilepay\"}", 200);
        assertThat(waiting.get("status").asString()).as(waiting.toString()).isEqualTo("requires_action");
        JsonNode app = waiting.get("next_action").get("mobilepay_app");
        String posId = app.get("pos_id").asString();
        assertThat(app.get("check_in_qr").asString()).isEqualTo("mobilepaypos://pos?id=" + posId + "&source=qr");

        // The shopper scans the PoS QR code the POS shows and approves in the MobilePay app (the adapter's sandbox).
        TestHttp mobilePay = new TestHttp(platform.url("mobilepay-adapter"));
        for (String step : new String[] { "/checkin", "/payment/issue", "/payment/approve" }) {
            HttpResponse<String> response = mobilePay.post("/api/pos/sandbox/pos/" + posId + step, "{}", Map.of());
            assertThat(response.statusCode()).as(step + " " + response.body()).isEqualTo(200);
        }

        // The adapter's event reaches the gateway: the amount is reserved.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> call(merchant,
                "GET", "/v1/payment_intents/" + id, null, 200).get("status").asString().equals("requires_capture"));
        JsonNode captured = call(merchant, "POST", "/v1/payment_intents/" + id + "/capture",
                "{\"amount_to_capture\":10000}", 200);
        assertThat(captured.get("status").asString()).isEqualTo("succeeded");
        assertThat(captured.get("amount_received").asLong()).isEqualTo(10000);
        JsonNode refund = call(merchant, "POST", "/v1/payment_intents/" + id + "/refund", "{\"amount\":2500}", 201);
        assertThat(refund.get("status").asString()).isEqualTo("succeeded");
        assertThat(call(merchant, "GET", "/v1/payment_intents/" + id, null, 200).get("amount_refunded").asLong())
                .isEqualTo(2500);

        // The same payment through the MobilePay POS API, with the merchant's access token for its bioCode.
        JsonNode authorization = java.util.stream.StreamSupport.stream(call(merchant, "GET",
                "/v1/payment_intents/" + id + "/transactions", null, 200).get("data").spliterator(), false)
                .filter(transaction -> transaction.get("kind").asString().equals("authorization"))
                .findFirst().orElseThrow();
        String paymentId = authorization.get("provider_reference").asString();
        HttpResponse<String> token = mobilePay.get("/api/pos/manage/token?bioCode=" + bioCode);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = json.readTree(token.body()).get("accessToken").asString();
        HttpResponse<String> details = mobilePay.get("/api/pos/payment/details?paymentId=" + paymentId
                + "&accessToken=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8) + "&bioCode=" + bioCode);
        assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
        JsonNode payment = json.readTree(details.body());
        assertThat(payment.get("orderId").asString()).isEqualTo(authorization.get("id").asString());
        assertThat(payment.get("status").asString()).isEqualTo("Captured");
        assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(payment.get("capturedAmount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(payment.get("refundedAmount").decimalValue()).isEqualByComparingTo("25.00");
    }

    private void push(String service, String body) {
        URI uri = URI.create(platform.url(service) + MerchantConfiguration.PATH);
        HttpResponse<String> response = new TestHttp(platform.url(service)).post(MerchantConfiguration.PATH, body,
                portal.headers("POST", uri, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(service + " " + response.body()).isEqualTo(200);
    }

    private JsonNode call(HmacSigner merchant, String method, String path, String body, int expected) {
        String base = platform.url("mpac-pgw");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(merchant.headers(method, URI.create(base + path), bytes));
        headers.put("Content-Type", "application/json");
        if (method.equals("POST")) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = new TestHttp(base).send(method, path, body, headers);
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expected);
        return json.readTree(response.body());
    }
}
