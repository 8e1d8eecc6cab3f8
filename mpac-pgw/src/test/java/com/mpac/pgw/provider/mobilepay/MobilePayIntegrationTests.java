package com.mpac.pgw.provider.mobilepay;

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
import org.springframework.test.annotation.DirtiesContext;
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
 * The MOBILEPAY rail: the connector against a stand-in for mobilepay-adapter's internal provider interface (a JDK
 * HttpServer that checks every request is signed with the gateway's platform key for the merchant, and holds
 * reservations, captures and refunds with the adapter's limits), the adapter's signed events, and reconciliation
 * settling a payment whose event was lost. Every test leaves its payments settled, and the context is closed after
 * the class, so no reconciliation of this class's payments runs on while other classes snapshot the tables.
 */
@FastJobsTest
@DirtiesContext
@TestPropertySource(properties = { "mpac.pgw.action-check-delay=300ms",
        "mpac.pgw.providers.mobilepay.webhook-secret=" + MobilePayIntegrationTests.SECRET })
class MobilePayIntegrationTests {

    static final String SECRET = "whsec_dGVzdC1vbmx5LW1vYmlsZXBheS1ldmVudHMtc2VjcmV0LTEyMzQ=";
    static final StubAdapter ADAPTER = StubAdapter.start();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void adapter(DynamicPropertyRegistry registry) {
        registry.add("mpac.mobilepay-url", () -> "http://127.0.0.1:" + ADAPTER.server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        ADAPTER.server.stop(0);
    }

    private TestMerchant merchant() {
        return TestMerchant.onboard(port, json, null, List.of(new ProviderAccount(Provider.MOBILEPAY, true,
                Map.of(), Map.of("bio_code", "BIO" + UUID.randomUUID().toString().substring(0, 8)))));
    }

    @Test
    void shouldReserveOnApprovalCaptureInPartAndRefund() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":12550,\"currency\":\"DKK\",\"capture_method\":\"manual\","
                + "\"description\":\"Smørrebrød\"}").get("id").asString();

        JsonNode waiting = merchant.confirm(id, "mobilepay", "mobilepay");
        String reference = reference(id);
        JsonNode app = waiting.get("next_action").get("mobilepay_app");

        assertThat(waiting.get("status").asString()).isEqualTo("requires_action");
        assertThat(waiting.get("next_action").get("type").asString()).isEqualTo("mobilepay_app");
        assertThat(app.get("pos_id").asString()).isEqualTo("pos_1");
        assertThat(app.get("check_in_qr").asString()).isEqualTo("mobilepaypos://pos?id=pos_1&source=qr");
        assertThat(app.get("qr_code_url").asString()).endsWith("/api/pos/qrcode/pos_1");
        assertThat(app.get("expires_at").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        StubAdapter.Call create = ADAPTER.calls(reference).getFirst();
        assertThat(create.method() + " " + create.path()).isEqualTo("POST " + MobilePayConnector.PATH);
        assertThat(create.keyId()).isEqualTo(TestPlatformKeys.keyId("mpac-pgw"));
        assertThat(create.onBehalfOf()).isEqualTo(merchant.id());
        assertThat(create.signatureValid()).isTrue();
        assertThat(json.readTree(create.body()).get("amount").asLong()).isEqualTo(12550);
        assertThat(json.readTree(create.body()).get("currency").asString()).isEqualTo("DKK");
        assertThat(json.readTree(create.body()).get("captureMethod").asString()).isEqualTo("manual");

        ADAPTER.approve(reference);
        HttpResponse<String> event = sendEvent("msg_" + UUID.randomUUID(), "payment.reserved", reference, SECRET,
                Instant.now());

        assertThat(json.readTree(event.body()).get("result").asString()).isEqualTo("applied");
        JsonNode held = merchant.read(id);
        assertThat(held.get("status").asString()).isEqualTo("requires_capture");
        assertThat(held.get("amount_capturable").asLong()).isEqualTo(12550);

        HttpResponse<String> capture = merchant.post("/v1/payment_intents/" + id + "/capture",
                "{\"amount_to_capture\":10000}");

        assertThat(capture.statusCode()).as(capture.body()).isEqualTo(200);
        JsonNode captured = json.readTree(capture.body());
        assertThat(captured.get("status").asString()).isEqualTo("succeeded");
        assertThat(captured.get("amount_received").asLong()).isEqualTo(10000);
        StubAdapter.Call captureCall = ADAPTER.calls(reference).getLast();
        assertThat(captureCall.path()).isEqualTo(MobilePayConnector.PATH + "/" + reference + "/capture");
        assertThat(captureCall.signatureValid()).isTrue();
        assertThat(json.readTree(captureCall.body()).get("amount").asLong()).isEqualTo(10000);

        HttpResponse<String> refund = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":4000}");
        HttpResponse<String> tooMuch = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":6001}");

        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        assertThat(json.readTree(refund.body()).get("status").asString()).isEqualTo("succeeded");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        StubAdapter.Call refundCall = ADAPTER.calls(reference).getLast();
        assertThat(refundCall.path()).isEqualTo(MobilePayConnector.PATH + "/" + reference + "/refunds");
        assertThat(json.readTree(refundCall.body()).get("refundReference").asString())
                .isEqualTo(json.readTree(refund.body()).get("id").asString());
        assertThat(ADAPTER.payments.get(reference).get("refunded")).isEqualTo(4000L);
        // A late event about the reservation changes nothing.
        HttpResponse<String> late = sendEvent("msg_" + UUID.randomUUID(), "payment.reserved", reference, SECRET,
                Instant.now());
        assertThat(json.readTree(late.body()).get("result").asString()).isEqualTo("already_settled");
        assertThat(merchant.read(id).get("amount_received").asLong()).isEqualTo(10000);
    }

    @Test
    void shouldSucceedAnAutomaticIntentWhenTheAdapterCapturesOnApproval() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":4200,\"currency\":\"DKK\"}").get("id").asString();
        merchant.confirm(id, "mobilepay", "mobilepay");
        String reference = reference(id);
        assertThat(json.readTree(ADAPTER.calls(reference).getFirst().body()).get("captureMethod").asString())
                .isEqualTo("automatic");

        ADAPTER.approve(reference);
        HttpResponse<String> event = sendEvent("msg_" + UUID.randomUUID(), "payment.captured", reference, SECRET,
                Instant.now());

        assertThat(json.readTree(event.body()).get("result").asString()).isEqualTo("applied");
        JsonNode intent = merchant.read(id);
        assertThat(intent.get("status").asString()).isEqualTo("succeeded");
        assertThat(intent.get("amount_received").asLong()).isEqualTo(4200);
    }

    @Test
    void shouldRefuseEventsThatDoNotVerifyAndWriteNothing() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":2000,\"currency\":\"DKK\"}").get("id").asString();
        merchant.confirm(id, "mobilepay", "mobilepay");
        String reference = reference(id);
        ADAPTER.approve(reference);
        String eventId = "msg_" + UUID.randomUUID();

        HttpResponse<String> wrongSecret = sendEvent(eventId, "payment.captured", reference,
                "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC1vdGhlci1zZWNyZXQ=", Instant.now());
        HttpResponse<String> stale = sendEvent(eventId, "payment.captured", reference, SECRET,
                Instant.now().minus(Duration.ofMinutes(10)));
        HttpResponse<String> unsigned = TestHttp.localhost(port).post("/v1/webhooks/mobilepay",
                event("payment.captured", reference), Map.of("Content-Type", "application/json"));

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_event WHERE provider = 'mobilepay' AND event_id = :id")
                .param("id", eventId).query(Long.class).single()).isZero();
        // Refused events lose nothing: reconciliation's query finds the captured payment.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(merchant.read(id).get("status")
                .asString()).isEqualTo("succeeded"));
    }

    @Test
    void shouldIgnoreDuplicateAndLateEvents() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":3000,\"currency\":\"DKK\"}").get("id").asString();
        merchant.confirm(id, "mobilepay", "mobilepay");
        String reference = reference(id);
        String eventId = "msg_" + UUID.randomUUID();
        ADAPTER.approve(reference);

        HttpResponse<String> first = sendEvent(eventId, "payment.captured", reference, SECRET, Instant.now());
        HttpResponse<String> again = sendEvent(eventId, "payment.captured", reference, SECRET, Instant.now());
        ADAPTER.payments.get(reference).put("status", "expired");
        HttpResponse<String> late = sendEvent("msg_" + UUID.randomUUID(), "payment.expired", reference, SECRET,
                Instant.now());
        HttpResponse<String> unknown = sendEvent("msg_" + UUID.randomUUID(), "payment.captured", "txn_unknown",
                SECRET, Instant.now());

        assertThat(json.readTree(first.body()).get("result").asString()).isEqualTo("applied");
        assertThat(json.readTree(again.body()).get("result").asString()).isEqualTo("duplicate");
        assertThat(json.readTree(late.body()).get("result").asString()).isEqualTo("already_settled");
        assertThat(json.readTree(unknown.body()).get("result").asString()).isEqualTo("unknown_payment");
        JsonNode intent = merchant.read(id);
        assertThat(intent.get("status").asString()).isEqualTo("succeeded");
        assertThat(intent.get("amount_received").asLong()).isEqualTo(3000);
    }

    @Test
    void shouldLeaveTheOutcomeOfACancelToTheGatewaysOwnCancel() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":800,\"currency\":\"DKK\"}").get("id").asString();
        merchant.confirm(id, "mobilepay", "mobilepay");
        String reference = reference(id);

        HttpResponse<String> canceled = sendEvent("msg_" + UUID.randomUUID(), "payment.canceled", reference, SECRET,
                Instant.now());

        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_action");
        assertThat(merchant.post("/v1/payment_intents/" + id + "/cancel", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldSettleByReconciliationWhenTheEventIsLost() {
        TestMerchant merchant = merchant();
        String automatic = merchant.createIntent("{\"amount\":4500,\"currency\":\"DKK\"}").get("id").asString();
        String manual = merchant.createIntent("{\"amount\":4600,\"currency\":\"DKK\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        merchant.confirm(automatic, "mobilepay", "mobilepay");
        merchant.confirm(manual, "mobilepay", "mobilepay");

        ADAPTER.approve(reference(automatic));
        ADAPTER.approve(reference(manual));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(merchant.read(automatic).get("status").asString()).isEqualTo("succeeded");
            assertThat(merchant.read(manual).get("status").asString()).isEqualTo("requires_capture");
        });
        assertThat(ADAPTER.calls(reference(automatic))).anyMatch(call -> call.method().equals("GET")
                && call.path().equals(MobilePayConnector.PATH + "/" + reference(automatic)) && call.signatureValid());
    }

    @Test
    void shouldCancelAtTheAdapterWhenTheIntentIsCanceledAndReleaseAReservation() {
        TestMerchant merchant = merchant();
        String waiting = merchant.createIntent("{\"amount\":1200,\"currency\":\"DKK\"}").get("id").asString();
        merchant.confirm(waiting, "mobilepay", "mobilepay");
        String held = merchant.createIntent("{\"amount\":1300,\"currency\":\"DKK\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        merchant.confirm(held, "mobilepay", "mobilepay");
        ADAPTER.approve(reference(held));
        sendEvent("msg_" + UUID.randomUUID(), "payment.reserved", reference(held), SECRET, Instant.now());

        HttpResponse<String> canceled = merchant.post("/v1/payment_intents/" + waiting + "/cancel", "{}");
        HttpResponse<String> released = merchant.post("/v1/payment_intents/" + held + "/cancel", "{}");

        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        assertThat(json.readTree(canceled.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(ADAPTER.status(reference(waiting))).isEqualTo("canceled");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(json.readTree(released.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(ADAPTER.status(reference(held))).isEqualTo("canceled");
    }

    @Test
    void shouldFailTheAttemptWhenTheAdapterRefusesToStart() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":1500,\"currency\":\"DKK\"}").get("id").asString();
        ADAPTER.busy.set(true);
        try {
            merchant.post("/v1/payment_intents/" + id + "/confirm",
                    "{\"provider\":\"mobilepay\",\"payment_method\":\"mobilepay\"}");
        }
        finally {
            ADAPTER.busy.set(false);
        }
        JsonNode intent = merchant.read(id);
        assertThat(intent.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(intent.get("last_payment_error").get("code").asString()).isEqualTo("active_payment_exists");
    }

    private String reference(String intentId) {
        return jdbc.sql("SELECT id FROM provider_transaction WHERE payment_intent_id = :id AND kind = 'authorization'")
                .param("id", intentId).query(String.class).single();
    }

    private String event(String type, String reference) {
        Map<String, Object> payment = ADAPTER.payments.get(reference);
        Map<String, Object> data = new LinkedHashMap<>(payment == null ? Map.of("reference", reference,
                "status", "captured", "captureMethod", "automatic") : payment);
        return json.writeValueAsString(Map.of("type", type, "timestamp", Instant.now().toString(), "data", data));
    }

    private HttpResponse<String> sendEvent(String id, String type, String reference, String secret, Instant at) {
        String body = event(type, reference);
        long timestamp = at.getEpochSecond();
        return TestHttp.localhost(port).post("/v1/webhooks/mobilepay", body, Map.of("Content-Type",
                "application/json", StandardWebhook.ID, id, StandardWebhook.TIMESTAMP, Long.toString(timestamp),
                StandardWebhook.SIGNATURE, StandardWebhook.sign(secret, id, timestamp, body)));
    }

    /** Speaks mobilepay-adapter's internal provider interface, keeping payments in memory and every call received. */
    static final class StubAdapter {

        record Call(String method, String path, String keyId, String onBehalfOf, boolean signatureValid,
                String body) {
        }

        final HttpServer server;
        final JsonMapper json = JsonMapper.builder().build();
        final Map<String, Map<String, Object>> payments = new ConcurrentHashMap<>();
        final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

        private StubAdapter(HttpServer server) {
            this.server = server;
        }

        static StubAdapter start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                StubAdapter stub = new StubAdapter(server);
                server.createContext(MobilePayConnector.PATH, stub::handle);
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

        /** The shopper approves: reserved, or captured in full at once for automatic capture (as the adapter does). */
        void approve(String reference) {
            Map<String, Object> payment = payments.get(reference);
            if ("manual".equals(payment.get("captureMethod"))) {
                payment.put("status", "reserved");
                payment.put("state", "Reserved");
            }
            else {
                payment.put("status", "captured");
                payment.put("state", "Captured");
                payment.put("captured", payment.get("amount"));
            }
        }

        String status(String reference) {
            return (String) payments.get(reference).get("status");
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
            String[] parts = path.substring(MobilePayConnector.PATH.length()).split("/");
            String reference = parts.length > 1 ? parts[1] : json.readTree(body).path("reference").asString();
            calls.computeIfAbsent(reference, r -> new CopyOnWriteArrayList<>())
                    .add(new Call(method, path, keyId, headers.getFirst(HmacHeaders.ON_BEHALF_OF), valid, body));
            if (!valid) {
                respond(exchange, 401, error("Unauthorized", "bad signature"));
                return;
            }
            Map<String, Object> payment = payments.get(reference);
            if (parts.length <= 1 && method.equals("POST")) {
                if (busy.get()) {
                    respond(exchange, 409, error("ActivePaymentExists", "The PoS already has an active payment."));
                    return;
                }
                JsonNode request = json.readTree(body);
                payment = payments.computeIfAbsent(reference, r -> new ConcurrentHashMap<>(Map.ofEntries(
                        Map.entry("reference", r), Map.entry("paymentId", "pay_" + UUID.randomUUID()),
                        Map.entry("posId", "pos_1"), Map.entry("status", "pending"), Map.entry("state", "Initiated"),
                        Map.entry("amount", request.path("amount").asLong()),
                        Map.entry("currency", request.path("currency").asString()),
                        Map.entry("captureMethod", request.path("captureMethod").asString()),
                        Map.entry("captured", 0L), Map.entry("refunded", 0L),
                        Map.entry("checkInQr", "mobilepaypos://pos?id=pos_1&source=qr"),
                        Map.entry("qrCodeUrl", "http://localhost:8085/api/pos/qrcode/pos_1"),
                        Map.entry("expiresAt", Instant.now().plusSeconds(600).toString()))));
                respond(exchange, 200, payment);
                return;
            }
            if (payment == null) {
                respond(exchange, 404, error("PaymentNotFound", "no"));
                return;
            }
            if (parts.length == 3 && parts[2].equals("capture")) {
                long amount = json.readTree(body).path("amount").asLong();
                if (!payment.get("status").equals("reserved")) {
                    respond(exchange, 409, error("InvalidPaymentState", "not reserved"));
                    return;
                }
                if (amount > (Long) payment.get("amount")) {
                    respond(exchange, 422, error("AmountExceedsReserved", "too much"));
                    return;
                }
                payment.put("status", "captured");
                payment.put("captured", amount);
                respond(exchange, 200, payment);
                return;
            }
            if (parts.length == 3 && parts[2].equals("cancel")) {
                if (payment.get("status").equals("captured")) {
                    respond(exchange, 409, error("InvalidPaymentState", "captured"));
                    return;
                }
                payment.put("status", "canceled");
                respond(exchange, 200, payment);
                return;
            }
            if (parts.length == 3 && parts[2].equals("refunds")) {
                JsonNode request = json.readTree(body);
                long amount = request.path("amount").asLong();
                if (amount > (Long) payment.get("captured") - (Long) payment.get("refunded")) {
                    respond(exchange, 422, error("RefundExceedsRemaining", "too much"));
                    return;
                }
                payment.put("refunded", (Long) payment.get("refunded") + amount);
                respond(exchange, 200, Map.of("reference", reference, "refundReference",
                        request.path("refundReference").asString(), "refundId", "ref_" + UUID.randomUUID(),
                        "status", "succeeded", "amount", amount));
                return;
            }
            respond(exchange, 200, payment);
        }

        private static Map<String, Object> error(String code, String message) {
            return Map.of("code", code, "message", message);
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
