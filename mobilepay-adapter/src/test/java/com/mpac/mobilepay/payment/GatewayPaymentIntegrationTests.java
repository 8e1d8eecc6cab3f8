package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.mobilepay.MobilePayApi;
import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

/**
 * The internal provider interface as mpac-pgw uses it, and the events the adapter sends back: delivered, signed, to
 * a stand-in gateway (a JDK HttpServer that verifies every signature and can refuse with 500).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox-enabled=true", "mpac.mobilepay.expiry-sweep-interval=200ms",
                "mpac.mobilepay.gateway-events.poll-interval=200ms",
                "mpac.mobilepay.gateway-events.secret=" + GatewayPaymentIntegrationTests.SECRET })
class GatewayPaymentIntegrationTests {

    static final String SECRET = "whsec_dGVzdC1vbmx5LWdhdGV3YXktZXZlbnRzLXNlY3JldCEh";
    static final String PATH = "/api/pos/internal/v1/payments";
    static final StubGateway GATEWAY = StubGateway.start();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("mpac.pgw-url", () -> "http://127.0.0.1:" + GATEWAY.server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        GATEWAY.server.stop(0);
    }

    @Test
    void shouldCreateIdempotentlyAtAPosAndShowThePaymentInThePosApi() {
        Merchant merchant = api().onboard();
        String reference = newReference();

        JsonNode first = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 12550, "manual", null)));
        JsonNode repeat = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 12550, "manual", null)));
        HttpResponse<String> otherAmount = asGateway(merchant.id(), "POST", PATH,
                create(reference, 12551, "manual", null));
        JsonNode queried = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null));

        assertThat(first.path("reference").asString()).isEqualTo(reference);
        assertThat(first.path("status").asString()).isEqualTo("pending");
        assertThat(first.path("state").asString()).isEqualTo("Initiated");
        assertThat(first.path("amount").asLong()).isEqualTo(12550);
        assertThat(first.path("currency").asString()).isEqualTo("DKK");
        // Without terminalId: the merchant's first active terminal (by id), which got a PoS.
        assertThat(first.path("terminalId").asString()).isEqualTo(merchant.terminalId());
        assertThat(first.path("checkInQr").asString()).isEqualTo("mobilepaypos://pos?id="
                + first.path("posId").asString() + "&source=qr");
        assertThat(first.path("qrCodeUrl").asString()).endsWith("/api/pos/qrcode/" + first.path("posId").asString());
        assertThat(repeat.path("paymentId").asString()).isEqualTo(first.path("paymentId").asString());
        assertThat(otherAmount.statusCode()).isEqualTo(409);
        assertThat(api().json(otherAmount).path("code").asString()).isEqualTo("Conflict");
        assertThat(queried.path("paymentId").asString()).isEqualTo(first.path("paymentId").asString());
        // The same payment through the POS API: orderId is the gateway's reference.
        JsonNode details = api().ok(api().get(merchant, "/api/pos/payment/details",
                Map.of("paymentId", first.path("paymentId").asString())));
        assertThat(details.path("orderId").asString()).isEqualTo(reference);
        assertThat(details.path("amount").decimalValue()).isEqualByComparingTo("125.50");
        // A named terminal is used; it gets its own PoS.
        JsonNode other = ok(asGateway(merchant.id(), "POST", PATH, create(newReference(), 100, null,
                merchant.otherTerminalId())));
        assertThat(other.path("terminalId").asString()).isEqualTo(merchant.otherTerminalId());
        assertThat(other.path("posId").asString()).isNotEqualTo(first.path("posId").asString());
        // The PoS is busy: a second payment there is refused as the POS API refuses it.
        HttpResponse<String> busy = asGateway(merchant.id(), "POST", PATH, create(newReference(), 100, null, null));
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(api().json(busy).path("code").asString()).isEqualTo("ActivePaymentExists");
    }

    @Test
    void shouldAcceptOnlyTheGatewaysPlatformKeyActingForAMerchant() {
        Merchant merchant = api().onboard();
        String body = create(newReference(), 1000, null, null);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> bySmartTab = http().post(PATH, body, signed("svc-smarttab", merchant.id(), "POST", PATH,
                bytes));
        HttpResponse<String> withoutObo = http().post(PATH, body, signed("mpac-pgw", null, "POST", PATH, bytes));
        HttpResponse<String> unsigned = http().post(PATH, body, Map.of("Content-Type", "application/json"));
        HttpResponse<String> byPosToken = api().post(merchant, PATH, Map.of("reference", "r1", "amount", 100,
                "currency", "DKK"));

        assertThat(bySmartTab.statusCode()).isEqualTo(403);
        assertThat(api().json(bySmartTab).path("code").asString()).isEqualTo("Forbidden");
        assertThat(withoutObo.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(api().json(unsigned).path("code").asString()).isEqualTo("Unauthorized");
        assertThat(byPosToken.statusCode()).isEqualTo(401);
        assertThat(count(merchant)).isZero();
    }

    @Test
    void shouldRefuseBadInputInThePosShape() {
        Merchant merchant = api().onboard();
        for (String body : new String[] { "{", "{\"reference\":\"r1\",\"amount\":0,\"currency\":\"DKK\"}",
                "{\"reference\":\"r1\",\"amount\":-5,\"currency\":\"DKK\"}",
                "{\"reference\":\"r1\",\"amount\":\"much\",\"currency\":\"DKK\"}",
                "{\"reference\":\"r1\",\"amount\":100,\"currency\":\"XYZ\"}",
                "{\"reference\":\"r1\",\"amount\":100,\"currency\":\"DKK\",\"captureMethod\":\"later\"}",
                "{\"reference\":\"bad ref/x\",\"amount\":1000,\"currency\":\"DKK\"}",
                "{\"reference\":\"r1\",\"amount\":100000000000,\"currency\":\"DKK\"}" }) {
            HttpResponse<String> response = asGateway(merchant.id(), "POST", PATH, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(api().json(response).path("code").asString()).as(body).isEqualTo("InvalidParameter");
        }
        HttpResponse<String> unknownTerminal = asGateway(merchant.id(), "POST", PATH,
                create(newReference(), 100, null, "t_nope"));
        assertThat(unknownTerminal.statusCode()).isEqualTo(404);
        assertThat(api().json(unknownTerminal).path("code").asString()).isEqualTo("TerminalNotFound");
        assertThat(count(merchant)).isZero();
    }

    @Test
    void shouldAnswer404ForAnotherMerchantsReference() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        String reference = newReference();
        ok(asGateway(merchant.id(), "POST", PATH, create(reference, 5000, "manual", null)));

        HttpResponse<String> query = asGateway(other.id(), "GET", PATH + "/" + reference, null);
        HttpResponse<String> capture = asGateway(other.id(), "POST", PATH + "/" + reference + "/capture", "{}");
        HttpResponse<String> cancel = asGateway(other.id(), "POST", PATH + "/" + reference + "/cancel", "");
        HttpResponse<String> refund = asGateway(other.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-" + reference, 100));

        assertThat(query.statusCode()).isEqualTo(404);
        assertThat(api().json(query).path("code").asString()).isEqualTo("PaymentNotFound");
        assertThat(capture.statusCode()).isEqualTo(404);
        assertThat(cancel.statusCode()).isEqualTo(404);
        assertThat(refund.statusCode()).isEqualTo(404);
        assertThat(ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null)).path("status").asString())
                .isEqualTo("pending");
    }

    @Test
    void shouldCaptureInPartWithinTheReservationThenRefundWithinTheCapturedAndSendSignedEvents() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 10000, "manual", null)));
        HttpResponse<String> early = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/capture", "{}");
        api().shopperApproves(payment.path("posId").asString());
        JsonNode reserved = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null));
        HttpResponse<String> over = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/capture",
                "{\"amount\":10001}");
        JsonNode captured = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/capture",
                "{\"amount\":8000}"));
        JsonNode again = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/capture",
                "{\"amount\":8000}"));
        HttpResponse<String> cancelCaptured = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/cancel",
                "");
        JsonNode first = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-1-" + reference, 3000)));
        JsonNode replay = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-1-" + reference, 3000)));
        HttpResponse<String> reused = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-1-" + reference, 3001));
        HttpResponse<String> tooMuch = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-2-" + reference, 5001));
        JsonNode queriedRefund = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference + "/refunds/rf-1-"
                + reference, null));

        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(api().json(early).path("code").asString()).isEqualTo("InvalidPaymentState");
        assertThat(reserved.path("status").asString()).isEqualTo("reserved");
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(api().json(over).path("code").asString()).isEqualTo("AmountExceedsReserved");
        assertThat(captured.path("status").asString()).isEqualTo("captured");
        assertThat(captured.path("captured").asLong()).isEqualTo(8000);
        assertThat(again.path("captured").asLong()).isEqualTo(8000);
        assertThat(cancelCaptured.statusCode()).isEqualTo(409);
        assertThat(first.path("status").asString()).isEqualTo("succeeded");
        assertThat(replay.path("refundId").asString()).isEqualTo(first.path("refundId").asString());
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api().json(tooMuch).path("code").asString()).isEqualTo("RefundExceedsRemaining");
        assertThat(queriedRefund.path("amount").asLong()).isEqualTo(3000);
        assertThat(ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null)).path("refunded").asLong())
                .isEqualTo(3000);
        // At least once, not ordered: the gateway trusts each event's status, not its order of arrival.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GATEWAY.types(reference))
                .containsExactlyInAnyOrder("payment.reserved", "payment.captured", "payment.refunded"));
        assertThat(GATEWAY.event(reference, "payment.reserved").at("/data/status").asString()).isEqualTo("reserved");
        assertThat(GATEWAY.event(reference, "payment.captured").at("/data/captured").asLong()).isEqualTo(8000);
        assertThat(GATEWAY.event(reference, "payment.refunded").at("/data/refunded").asLong()).isEqualTo(3000);
    }

    @Test
    void shouldCaptureAnAutomaticPaymentInFullWhenTheShopperApproves() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 4200, null, null)));
        api().shopperApproves(payment.path("posId").asString());

        JsonNode captured = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null));
        assertThat(captured.path("status").asString()).isEqualTo("captured");
        assertThat(captured.path("captured").asLong()).isEqualTo(4200);
        assertThat(captured.path("captureMethod").asString()).isEqualTo("automatic");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GATEWAY.types(reference))
                .containsExactly("payment.captured"));
    }

    @Test
    void shouldCancelOrReleaseAndReportTheShoppersRejection() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        ok(asGateway(merchant.id(), "POST", PATH, create(reference, 5000, "manual", null)));
        JsonNode canceled = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/cancel", ""));
        JsonNode again = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/cancel", ""));
        assertThat(canceled.path("status").asString()).isEqualTo("canceled");
        assertThat(again.path("status").asString()).isEqualTo("canceled");

        String rejected = newReference();
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(rejected, 700, "manual", null)));
        String posId = payment.path("posId").asString();
        api().ok(api().sandbox("/pos/" + posId + "/checkin"));
        api().ok(api().sandbox("/pos/" + posId + "/payment/issue"));
        api().ok(api().sandbox("/pos/" + posId + "/payment/reject"));
        assertThat(ok(asGateway(merchant.id(), "GET", PATH + "/" + rejected, null)).path("status").asString())
                .isEqualTo("failed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(GATEWAY.types(reference)).containsExactly("payment.canceled");
            assertThat(GATEWAY.types(rejected)).containsExactly("payment.failed");
        });
    }

    @Test
    void shouldRetryAnEventTheGatewayRefusedWithTheSameId() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        GATEWAY.failNext(reference, 1);
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 4200, null, null)));
        api().shopperApproves(payment.path("posId").asString());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GATEWAY.types(reference))
                .containsExactly("payment.captured"));
        assertThat(GATEWAY.refused.get()).isPositive();
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT id, attempts, delivered_at IS NOT NULL AS delivered FROM mobilepay.gateway_event
                WHERE payload LIKE :pattern
                """).param("pattern", "%\"reference\":\"" + reference + "\"%").query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("attempts")).isEqualTo(2);
        assertThat(rows.getFirst().get("delivered")).isEqualTo(true);
        assertThat(GATEWAY.idsSeen(reference)).hasSize(2).allMatch(id -> id.equals(rows.getFirst().get("id")));
    }

    @Test
    void shouldRaiseNoEventsForThePosSystemsOwnPayments() {
        var pm = api().onboardWithPos();
        String paymentId = api().reservedPayment(pm, "own-" + UUID.randomUUID(), "10.00");
        api().ok(api().get(pm.merchant(), "/api/pos/payment/capture", Map.of("paymentId", paymentId)));
        assertThat(jdbc.sql("SELECT count(*) FROM mobilepay.gateway_event WHERE merchant_id = :m")
                .param("m", pm.merchant().id()).query(Long.class).single()).isZero();
    }

    // ---- helpers ----

    private long count(Merchant merchant) {
        return jdbc.sql("SELECT count(*) FROM mobilepay.payment WHERE merchant_id = :m").param("m", merchant.id())
                .query(Long.class).single();
    }

    private MobilePayApi api;

    private MobilePayApi api() {
        if (api == null) {
            api = new MobilePayApi(port, json);
        }
        return api;
    }

    private TestHttp http() {
        return TestHttp.localhost(port);
    }

    private JsonNode ok(HttpResponse<String> response) {
        return api().ok(response);
    }

    private HttpResponse<String> asGateway(String merchantId, String method, String path, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return http().send(method, path, body, signed("mpac-pgw", merchantId, method, path, bytes));
    }

    private static Map<String, String> signed(String service, String merchantId, String method, String path,
            byte[] body) {
        HmacSigner signer = new HmacSigner(TestPlatformKeys.keyId(service), TestPlatformKeys.secret(service),
                java.time.Clock.systemUTC());
        Map<String, String> headers = new HashMap<>(signer.headers(method, URI.create(path), body));
        headers.put("Content-Type", "application/json");
        if (merchantId != null) {
            headers.put(HmacHeaders.ON_BEHALF_OF, merchantId);
        }
        return headers;
    }

    private static String create(String reference, long amount, String captureMethod, String terminalId) {
        return "{\"reference\":\"" + reference + "\",\"amount\":" + amount + ",\"currency\":\"DKK\""
                + (captureMethod == null ? "" : ",\"captureMethod\":\"" + captureMethod + "\"")
                + (terminalId == null ? "" : ",\"terminalId\":\"" + terminalId + "\"")
                + ",\"paymentIntentId\":\"pi_test\",\"description\":\"Order\"}";
    }

    private static String refund(String refundReference, long amount) {
        return "{\"refundReference\":\"" + refundReference + "\",\"amount\":" + amount + "}";
    }

    private static String newReference() {
        return "txn_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A stand-in for mpac-pgw's webhook endpoint: verifies each signature, keeps the verified events by reference. */
    static final class StubGateway {

        final HttpServer server;
        final Map<String, List<String>> byReference = new ConcurrentHashMap<>();
        final Map<String, List<String>> ids = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final AtomicInteger refused = new AtomicInteger();
        final JsonMapper json = JsonMapper.builder().build();

        private StubGateway(HttpServer server) {
            this.server = server;
        }

        static StubGateway start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                StubGateway stub = new StubGateway(server);
                server.createContext("/v1/webhooks/mobilepay", stub::handle);
                server.start();
                return stub;
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        void failNext(String reference, int times) {
            failures.put(reference, new AtomicInteger(times));
        }

        List<String> types(String reference) {
            return byReference.getOrDefault(reference, List.of()).stream()
                    .map(body -> json.readTree(body).path("type").asString()).toList();
        }

        JsonNode event(String reference, String type) {
            return byReference.getOrDefault(reference, List.of()).stream().map(json::readTree)
                    .filter(event -> event.path("type").asString().equals(type)).findFirst().orElseThrow();
        }

        List<String> idsSeen(String reference) {
            return ids.getOrDefault(reference, List.of());
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst(StandardWebhook.ID);
            boolean verified = StandardWebhook.verify(List.of(SECRET), id,
                    exchange.getRequestHeaders().getFirst(StandardWebhook.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(StandardWebhook.SIGNATURE), body, Instant.now(),
                    Duration.ofMinutes(5));
            int status;
            if (!verified) {
                status = 401;
            }
            else {
                String reference = json.readTree(body).at("/data/reference").asString();
                ids.computeIfAbsent(reference, r -> new CopyOnWriteArrayList<>()).add(id);
                AtomicInteger fail = failures.get(reference);
                if (fail != null && fail.getAndDecrement() > 0) {
                    refused.incrementAndGet();
                    status = 500;
                }
                else {
                    byReference.computeIfAbsent(reference, r -> new CopyOnWriteArrayList<>()).add(body);
                    status = 204;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }
    }
}
