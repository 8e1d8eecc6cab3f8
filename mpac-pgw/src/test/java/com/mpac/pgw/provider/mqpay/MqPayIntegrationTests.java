package com.mpac.pgw.provider.mqpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.mpac.contracts.hmac.CanonicalRequest;
import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSignature;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.pgw.support.FastJobsTest;
import com.mpac.pgw.support.TestMerchant;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VNPAY rail: the connector against a stand-in for mq-pay's internal provider interface (a JDK HttpServer that
 * checks every request is signed with the gateway's platform key for the merchant), mq-pay's signed events, and
 * reconciliation settling a payment whose event was lost.
 */
@FastJobsTest
@TestPropertySource(properties = { "mpac.pgw.action-check-delay=300ms",
        "mpac.pgw.providers.mqpay.webhook-secret=" + MqPayIntegrationTests.SECRET })
class MqPayIntegrationTests {

    static final String SECRET = "whsec_dGVzdC1vbmx5LW1xcGF5LWV2ZW50cy1zZWNyZXQtMTIzNDU2";
    static final String QR = "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704540612"
            + "00005802VN62170813ung ho lu lut6304C15C";
    static final StubMqPay MQPAY = StubMqPay.start();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void mqPay(DynamicPropertyRegistry registry) {
        registry.add("mpac.mqpay-url", () -> "http://127.0.0.1:" + MQPAY.server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        MQPAY.server.stop(0);
    }

    private TestMerchant merchant() {
        return TestMerchant.onboard(port, json, null, List.of(new ProviderAccount(Provider.VNPAY, true,
                Map.of("merchant_code", "MC0001", "acquirer_bin", "970436"), Map.of("hash_secret", "vnpay-secret"))));
    }

    @Test
    void shouldPayByVnpayQrOnAnEventAndRefund() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":150000,\"currency\":\"VND\",\"description\":\"Pho\"}")
                .get("id").asString();

        JsonNode waiting = merchant.confirm(id, "vnpay", "vnpay_qr");
        String reference = reference(id);
        JsonNode qr = waiting.get("next_action").get("display_qr_code");

        assertThat(waiting.get("status").asString()).isEqualTo("requires_action");
        assertThat(qr.get("data").asString()).isEqualTo(QR);
        assertThat(qr.get("image_url_png").asString()).startsWith("data:image/png;base64,");
        StubMqPay.Call create = MQPAY.calls(reference).getFirst();
        assertThat(create.method() + " " + create.path()).isEqualTo("POST " + MqPayConnector.PATH);
        assertThat(create.keyId()).isEqualTo(TestPlatformKeys.keyId("mpac-pgw"));
        assertThat(create.onBehalfOf()).isEqualTo(merchant.id());
        assertThat(create.signatureValid()).isTrue();
        assertThat(json.readTree(create.body()).get("amount").asLong()).isEqualTo(150000);
        assertThat(json.readTree(create.body()).get("currency").asString()).isEqualTo("VND");

        MQPAY.pay(reference);
        HttpResponse<String> event = sendEvent("msg_" + UUID.randomUUID(), "payment.succeeded", reference,
                "succeeded", SECRET, Instant.now());

        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(json.readTree(event.body()).get("result").asString()).isEqualTo("applied");
        JsonNode succeeded = merchant.read(id);
        assertThat(succeeded.get("status").asString()).isEqualTo("succeeded");
        assertThat(succeeded.get("amount_received").asLong()).isEqualTo(150000);

        HttpResponse<String> refund = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":50000}");
        HttpResponse<String> tooMuch = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":100001}");

        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        assertThat(json.readTree(refund.body()).get("status").asString()).isEqualTo("succeeded");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        StubMqPay.Call refundCall = MQPAY.calls(reference).getLast();
        assertThat(refundCall.path()).isEqualTo(MqPayConnector.PATH + "/" + reference + "/refunds");
        assertThat(refundCall.signatureValid()).isTrue();
        assertThat(json.readTree(refundCall.body()).get("refundReference").asString())
                .isEqualTo(json.readTree(refund.body()).get("id").asString());
        assertThat(json.readTree(refundCall.body()).get("amount").asLong()).isEqualTo(50000);
    }

    @Test
    void shouldRefuseEventsThatDoNotVerifyAndWriteNothing() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":20000,\"currency\":\"VND\"}").get("id").asString();
        merchant.confirm(id, "vnpay", "vnpay_qr");
        String reference = reference(id);
        String eventId = "msg_" + UUID.randomUUID();

        HttpResponse<String> wrongSecret = sendEvent(eventId, "payment.succeeded", reference, "succeeded",
                "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC1vdGhlci1zZWNyZXQ=", Instant.now());
        HttpResponse<String> stale = sendEvent(eventId, "payment.succeeded", reference, "succeeded", SECRET,
                Instant.now().minus(Duration.ofMinutes(10)));
        HttpResponse<String> unsigned = TestHttp.localhost(port).post("/v1/webhooks/mqpay",
                event("payment.succeeded", reference, "succeeded"), Map.of("Content-Type", "application/json"));

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_event WHERE provider = 'vnpay' AND event_id = :id")
                .param("id", eventId).query(Long.class).single()).isZero();
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_action");
    }

    @Test
    void shouldIgnoreDuplicateAndLateEvents() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":30000,\"currency\":\"VND\"}").get("id").asString();
        merchant.confirm(id, "vnpay", "vnpay_qr");
        String reference = reference(id);
        String eventId = "msg_" + UUID.randomUUID();
        MQPAY.pay(reference);

        HttpResponse<String> first = sendEvent(eventId, "payment.succeeded", reference, "succeeded", SECRET,
                Instant.now());
        HttpResponse<String> again = sendEvent(eventId, "payment.succeeded", reference, "succeeded", SECRET,
                Instant.now());
        HttpResponse<String> late = sendEvent("msg_" + UUID.randomUUID(), "payment.expired", reference, "expired",
                SECRET, Instant.now());
        HttpResponse<String> unknown = sendEvent("msg_" + UUID.randomUUID(), "payment.succeeded", "txn_unknown",
                "succeeded", SECRET, Instant.now());

        assertThat(json.readTree(first.body()).get("result").asString()).isEqualTo("applied");
        assertThat(json.readTree(again.body()).get("result").asString()).isEqualTo("duplicate");
        assertThat(json.readTree(late.body()).get("result").asString()).isEqualTo("already_settled");
        assertThat(json.readTree(unknown.body()).get("result").asString()).isEqualTo("unknown_payment");
        JsonNode intent = merchant.read(id);
        assertThat(intent.get("status").asString()).isEqualTo("succeeded");
        assertThat(intent.get("amount_received").asLong()).isEqualTo(30000);
    }

    @Test
    void shouldLeaveTheOutcomeOfACancelToTheGatewaysOwnCancel() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":8000,\"currency\":\"VND\"}").get("id").asString();
        merchant.confirm(id, "vnpay", "vnpay_qr");
        String reference = reference(id);

        HttpResponse<String> canceled = sendEvent("msg_" + UUID.randomUUID(), "payment.canceled", reference,
                "canceled", SECRET, Instant.now());

        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_action");
    }

    @Test
    void shouldSettleByReconciliationWhenTheEventIsLost() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":45000,\"currency\":\"VND\"}").get("id").asString();
        merchant.confirm(id, "vnpay", "vnpay_qr");
        String reference = reference(id);

        MQPAY.pay(reference);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(merchant.read(id).get("status")
                .asString()).isEqualTo("succeeded"));
        assertThat(MQPAY.calls(reference)).anyMatch(call -> call.method().equals("GET")
                && call.path().equals(MqPayConnector.PATH + "/" + reference) && call.signatureValid());
    }

    @Test
    void shouldWithdrawTheQrWhenTheIntentIsCanceled() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":12000,\"currency\":\"VND\"}").get("id").asString();
        merchant.confirm(id, "vnpay", "vnpay_qr");
        String reference = reference(id);

        HttpResponse<String> canceled = merchant.post("/v1/payment_intents/" + id + "/cancel", "{}");

        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        assertThat(json.readTree(canceled.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(MQPAY.status(reference)).isEqualTo("canceled");
    }

    @Test
    void shouldRefuseCurrenciesOtherThanVnd() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":1500,\"currency\":\"JPY\"}").get("id").asString();

        HttpResponse<String> confirm = merchant.post("/v1/payment_intents/" + id + "/confirm",
                "{\"provider\":\"vnpay\",\"payment_method\":\"vnpay_qr\"}");

        JsonNode intent = merchant.read(id);
        assertThat(intent.get("status").asString()).as(confirm.body()).isEqualTo("requires_payment_method");
        assertThat(intent.get("last_payment_error").get("code").asString()).isEqualTo("currency_not_supported");
        assertThat(MQPAY.calls(reference(id))).isEmpty();
    }

    private String reference(String intentId) {
        return jdbc.sql("SELECT id FROM provider_transaction WHERE payment_intent_id = :id AND kind = 'authorization'")
                .param("id", intentId).query(String.class).single();
    }

    private String event(String type, String reference, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", reference);
        data.put("paymentId", MQPAY.paymentId(reference));
        data.put("status", status);
        data.put("amount", 0);
        data.put("currency", "VND");
        return json.writeValueAsString(Map.of("type", type, "timestamp", Instant.now().toString(), "data", data));
    }

    private HttpResponse<String> sendEvent(String id, String type, String reference, String status, String secret,
            Instant at) {
        String body = event(type, reference, status);
        long timestamp = at.getEpochSecond();
        return TestHttp.localhost(port).post("/v1/webhooks/mqpay", body, Map.of("Content-Type", "application/json",
                StandardWebhook.ID, id, StandardWebhook.TIMESTAMP, Long.toString(timestamp),
                StandardWebhook.SIGNATURE, StandardWebhook.sign(secret, id, timestamp, body)));
    }

    /** Speaks mq-pay's internal provider interface, keeping payments in memory and every call it received. */
    static final class StubMqPay {

        record Call(String method, String path, String keyId, String onBehalfOf, boolean signatureValid,
                String body) {
        }

        final HttpServer server;
        final JsonMapper json = JsonMapper.builder().build();
        final Map<String, Map<String, Object>> payments = new ConcurrentHashMap<>();
        final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

        private StubMqPay(HttpServer server) {
            this.server = server;
        }

        static StubMqPay start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                StubMqPay stub = new StubMqPay(server);
                server.createContext(MqPayConnector.PATH, stub::handle);
                server.start();
                return stub;
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        List<Call> calls(String reference) {
            return calls.getOrDefault(reference, List.of());
        }

        void pay(String reference) {
            payments.get(reference).put("status", "succeeded");
        }

        String status(String reference) {
            return (String) payments.get(reference).get("status");
        }

        String paymentId(String reference) {
            Map<String, Object> payment = payments.get(reference);
            return payment == null ? null : (String) payment.get("paymentId");
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String keyId = headers.getFirst(HmacHeaders.KEY_ID);
            boolean valid = keyId != null && keyId.equals(TestPlatformKeys.keyId("mpac-pgw"))
                    && HmacSignature.matchesAny(headers.getFirst(HmacHeaders.SIGNATURE),
                            List.of(TestPlatformKeys.secret("mpac-pgw")), CanonicalRequest.signingString(method,
                                    path, exchange.getRequestURI().getRawQuery(),
                                    Long.parseLong(headers.getFirst(HmacHeaders.TIMESTAMP)),
                                    headers.getFirst(HmacHeaders.NONCE), bytes));
            String[] parts = path.substring(MqPayConnector.PATH.length()).split("/");
            String reference = parts.length > 1 ? parts[1] : json.readTree(body).path("reference").asString();
            calls.computeIfAbsent(reference, r -> new CopyOnWriteArrayList<>())
                    .add(new Call(method, path, keyId, headers.getFirst(HmacHeaders.ON_BEHALF_OF), valid, body));
            if (!valid) {
                respond(exchange, 401, Map.of("error", Map.of("code", "UNAUTHORIZED", "message", "bad signature")));
                return;
            }
            Map<String, Object> payment = payments.get(reference);
            if (parts.length <= 1 && method.equals("POST")) {
                payment = payments.computeIfAbsent(reference, r -> new ConcurrentHashMap<>(Map.of("reference", r,
                        "paymentId", UUID.randomUUID().toString(), "status", "pending", "amount",
                        json.readTree(body).path("amount").asLong(), "currency", "VND", "qrCode", QR,
                        "expiresAt", Instant.now().plusSeconds(900).toString())));
                respond(exchange, 200, payment);
                return;
            }
            if (payment == null) {
                respond(exchange, 404, Map.of("error", Map.of("code", "TRANSACTION_NOT_FOUND", "message", "no")));
                return;
            }
            if (parts.length == 3 && parts[2].equals("cancel")) {
                if (payment.get("status").equals("succeeded")) {
                    respond(exchange, 409, Map.of("error", Map.of("code", "INVALID_TRANSACTION_STATUS",
                            "message", "paid")));
                    return;
                }
                payment.put("status", "canceled");
                respond(exchange, 200, payment);
                return;
            }
            if (parts.length == 3 && parts[2].equals("refunds")) {
                JsonNode request = json.readTree(body);
                respond(exchange, 200, Map.of("reference", reference, "refundReference",
                        request.path("refundReference").asString(), "refundId", UUID.randomUUID().toString(),
                        "status", "succeeded", "amount", request.path("amount").asLong()));
                return;
            }
            respond(exchange, 200, payment);
        }

        private void respond(HttpExchange exchange, int status, Object body) throws IOException {
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
