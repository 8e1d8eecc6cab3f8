package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
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
 * A PaymentIntent paid on the VNPAY rail through the launched platform: the merchant back end confirms with
 * {@code vnpay}/{@code vnpay_qr} at mpac-pgw, which creates the payment at mq-pay through its internal provider
 * interface; the shopper pays the QR in mq-pay's sandbox, VNPAY's IPN settles it at mq-pay, and mq-pay's signed
 * event settles the intent at the gateway. The refund goes the same way, and the merchant sees the same payment
 * through mq-pay's own API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnpayRailE2ETests {

    private static final String API_SECRET = "mps_e2e_vnpay_secret_0123456789abcdef";

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
    void shouldPayAPaymentIntentByVnpayQrThroughMqPayAndRefundPart() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String merchantId = "m_e2e_" + suffix;
        // The configuration svc-portal pushes, to the gateway and to mq-pay: a VNPAY account and an API key.
        String configuration = """
                {"merchant_id":"%s","version":1,"psp_id":"psp_e2e","name":"Pho 24","status":"ACTIVE",
                 "providers":[{"provider":"VNPAY","enabled":true,
                               "identifiers":{"merchant_code":"MC%s","acquirer_bin":"970436","terminal_id":"POS01"},
                               "credentials":{"hash_secret":"vnpay-hash-%s"}}],
                 "stores":[],"api_keys":[{"key_id":"mpk_e2e_%s","secrets":["%s"],"status":"ACTIVE"}],
                 "webhook_endpoints":[],"api_users":[]}
                """.formatted(merchantId, suffix.toUpperCase(), suffix, suffix, API_SECRET);
        push("mpac-pgw", configuration);
        push("mq-pay", configuration);
        HmacSigner merchant = new HmacSigner("mpk_e2e_" + suffix, API_SECRET, Clock.systemUTC());

        JsonNode intent = call(merchant, "mpac-pgw", "POST", "/v1/payment_intents",
                "{\"amount\":150000,\"currency\":\"VND\",\"description\":\"Table 4\"}", 201);
        String id = intent.get("id").asString();
        JsonNode waiting = call(merchant, "mpac-pgw", "POST", "/v1/payment_intents/" + id + "/confirm",
                "{\"provider\":\"vnpay\",\"payment_method\":\"vnpay_qr\"}", 200);
        assertThat(waiting.get("status").asString()).isEqualTo("requires_action");
        JsonNode qr = waiting.get("next_action").get("display_qr_code");
        assertThat(qr.get("data").asString()).startsWith("000201").contains("5802VN");
        assertThat(qr.get("image_url_png").asString()).startsWith("data:image/png;base64,");

        // The shopper scans and pays with a banking app: mq-pay's VNPAY sandbox, which sends VNPAY's signed IPN.
        HttpResponse<String> paid = new TestHttp(platform.url("mq-pay")).post("/api/mq-pay/sandbox/vnpay/pay",
                json.writeValueAsString(Map.of("qrCode", qr.get("data").asString())), Map.of());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(json.readTree(paid.body()).at("/ipnResponse/code").asString()).isEqualTo("00");

        // mq-pay's event reaches the gateway.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> call(merchant,
                "mpac-pgw", "GET", "/v1/payment_intents/" + id, null, 200).get("status").asString()
                .equals("succeeded"));
        JsonNode refund = call(merchant, "mpac-pgw", "POST", "/v1/payment_intents/" + id + "/refund",
                "{\"amount\":50000}", 201);
        assertThat(refund.get("status").asString()).isEqualTo("succeeded");
        JsonNode succeeded = call(merchant, "mpac-pgw", "GET", "/v1/payment_intents/" + id, null, 200);
        assertThat(succeeded.get("amount_received").asLong()).isEqualTo(150000);
        assertThat(succeeded.get("amount_refunded").asLong()).isEqualTo(50000);

        // The same payment through mq-pay's own API, with the merchant's key.
        JsonNode authorization = java.util.stream.StreamSupport.stream(call(merchant, "mpac-pgw", "GET",
                "/v1/payment_intents/" + id + "/transactions", null, 200).get("data").spliterator(), false)
                .filter(transaction -> transaction.get("kind").asString().equals("authorization"))
                .findFirst().orElseThrow();
        String attemptId = authorization.get("provider_reference").asString();
        JsonNode attempt = call(merchant, "mq-pay", "GET", "/api/mq-pay/payment-attempts/" + attemptId, null, 200);
        assertThat(attempt.get("status").asString()).isEqualTo("302_SUCCESS");
        assertThat(attempt.get("provider").asString()).isEqualTo("VNPAY_QR_MMS");
        JsonNode transaction = call(merchant, "mq-pay", "GET", "/api/mq-pay/transactions/"
                + attempt.get("transactionId").asString(), null, 200);
        assertThat(transaction.get("sourceType").asString()).isEqualTo("mpac-pgw");
        assertThat(transaction.get("sourceId").asString()).isEqualTo(authorization.get("id").asString());
        assertThat(transaction.get("paid").asString()).isEqualTo("150000.0000");
        assertThat(transaction.get("refunded").asString()).isEqualTo("50000.0000");
    }

    private void push(String service, String body) {
        URI uri = URI.create(platform.url(service) + MerchantConfiguration.PATH);
        HttpResponse<String> response = new TestHttp(platform.url(service)).post(MerchantConfiguration.PATH, body,
                portal.headers("POST", uri, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(service + " " + response.body()).isEqualTo(200);
    }

    private JsonNode call(HmacSigner merchant, String service, String method, String path, String body,
            int expected) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(merchant.headers(method, URI.create(platform.url(service) + path),
                bytes));
        headers.put("Content-Type", "application/json");
        if (method.equals("POST")) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = new TestHttp(platform.url(service)).send(method, path, body, headers);
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expected);
        return json.readTree(response.body());
    }
}
