package com.mpac.mqpay.payment;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

/**
 * The internal provider interface as mpac-pgw uses it, and the events MQ-Pay sends back: delivered, signed, to a
 * stand-in gateway (a JDK HttpServer that verifies every signature and can refuse with 500).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox.enabled=true", "mpac.mqpay.expiry-sweep-interval=300ms",
                "mpac.mqpay.gateway-events.poll-interval=200ms",
                "mpac.mqpay.gateway-events.secret=" + GatewayPaymentIntegrationTests.SECRET })
class GatewayPaymentIntegrationTests {

    static final String SECRET = "whsec_dGVzdC1vbmx5LWdhdGV3YXktZXZlbnRzLXNlY3JldCEh";
    static final String PATH = "/api/mq-pay/internal/v1/payments";
    static final StubGateway GATEWAY = StubGateway.start();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("mpac.pgw-url", () -> "http://127.0.0.1:" + GATEWAY.server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        GATEWAY.server.stop(0);
    }

    @Test
    void shouldCreateIdempotentlyAndShowThePaymentInMqPaysOwnApi() {
        Merchant merchant = api().onboard();
        String reference = newReference();

        JsonNode first = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 150000)));
        JsonNode repeat = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 150000)));
        HttpResponse<String> otherAmount = asGateway(merchant.id(), "POST", PATH, create(reference, 150001));
        JsonNode queried = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null));

        assertThat(first.path("reference").stringValue()).isEqualTo(reference);
        assertThat(first.path("status").stringValue()).isEqualTo("pending");
        assertThat(first.path("amount").longValue()).isEqualTo(150000);
        assertThat(first.path("currency").stringValue()).isEqualTo("VND");
        assertThat(first.path("qrCode").stringValue()).startsWith("000201").contains("5802VN").contains("5406150000");
        assertThat(Instant.parse(first.path("expiresAt").stringValue())).isAfter(Instant.now());
        assertThat(repeat.path("paymentId").stringValue()).isEqualTo(first.path("paymentId").stringValue());
        assertThat(repeat.path("qrCode").stringValue()).isEqualTo(first.path("qrCode").stringValue());
        assertThat(otherAmount.statusCode()).isEqualTo(422);
        assertThat(api().json(otherAmount).at("/error/code").stringValue()).isEqualTo("TOTAL_MISMATCH");
        assertThat(queried.path("paymentId").stringValue()).isEqualTo(first.path("paymentId").stringValue());
        // The same payment through the merchant's own API.
        JsonNode transaction = api().ok(api().get(merchant, "/transactions/" + first.path("transactionId")
                .stringValue()));
        assertThat(transaction.path("sourceType").stringValue()).isEqualTo("mpac-pgw");
        assertThat(transaction.path("sourceId").stringValue()).isEqualTo(reference);
        assertThat(transaction.path("total").stringValue()).isEqualTo("150000.0000");
    }

    @Test
    void shouldAcceptOnlyTheGatewaysPlatformKeyActingForAMerchant() {
        Merchant merchant = api().onboard();
        String body = create(newReference(), 1000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> byMerchant = http().post(PATH, body, merchant.signer().headers("POST", URI.create(PATH),
                bytes));
        HttpResponse<String> bySmartTab = http().post(PATH, body, signed("svc-smarttab", merchant.id(), "POST", PATH,
                bytes));
        HttpResponse<String> withoutObo = http().post(PATH, body, signed("mpac-pgw", null, "POST", PATH, bytes));
        HttpResponse<String> unsigned = http().post(PATH, body, Map.of("Content-Type", "application/json"));

        assertThat(byMerchant.statusCode()).isEqualTo(403);
        assertThat(api().json(byMerchant).at("/error/code").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(bySmartTab.statusCode()).isEqualTo(403);
        assertThat(withoutObo.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(api().json(unsigned).at("/error/code").stringValue()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void shouldRefuseBadInputInMqPaysEnvelope() {
        Merchant merchant = api().onboard();
        for (String body : new String[] { "{", "{\"reference\":\"r1\",\"amount\":0,\"currency\":\"VND\"}",
                "{\"reference\":\"r1\",\"amount\":-5,\"currency\":\"VND\"}",
                "{\"reference\":\"r1\",\"amount\":\"much\",\"currency\":\"VND\"}",
                "{\"reference\":\"r1\",\"amount\":1000,\"currency\":\"USD\"}",
                "{\"reference\":\"bad ref/x\",\"amount\":1000,\"currency\":\"VND\"}",
                "{\"reference\":\"r1\",\"amount\":10000000000000,\"currency\":\"VND\"}" }) {
            HttpResponse<String> response = asGateway(merchant.id(), "POST", PATH, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(api().json(response).at("/error/code").stringValue()).as(body).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(count("SELECT count(*) FROM mqpay.payment_transaction WHERE merchant_id = '" + merchant.id()
                + "'")).isZero();
    }

    @Test
    void shouldAnswer404ForAnotherMerchantsReference() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        String reference = newReference();
        ok(asGateway(merchant.id(), "POST", PATH, create(reference, 5000)));

        HttpResponse<String> query = asGateway(other.id(), "GET", PATH + "/" + reference, null);
        HttpResponse<String> cancel = asGateway(other.id(), "POST", PATH + "/" + reference + "/cancel", "");
        HttpResponse<String> refund = asGateway(other.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-" + reference, 100));

        assertThat(query.statusCode()).isEqualTo(404);
        assertThat(api().json(query).at("/error/code").stringValue()).isEqualTo("TRANSACTION_NOT_FOUND");
        assertThat(cancel.statusCode()).isEqualTo(404);
        assertThat(refund.statusCode()).isEqualTo(404);
        assertThat(ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null)).path("status").stringValue())
                .isEqualTo("pending");
    }

    @Test
    void shouldWithdrawTheQrOnCancelAndRefuseCancellingAPaidOne() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        ok(asGateway(merchant.id(), "POST", PATH, create(reference, 5000)));

        JsonNode canceled = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/cancel", ""));
        JsonNode again = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/cancel", ""));

        assertThat(canceled.path("status").stringValue()).isEqualTo("canceled");
        assertThat(again.path("status").stringValue()).isEqualTo("canceled");

        String paid = newReference();
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(paid, 7000)));
        api().payQr(payment.path("qrCode").stringValue());
        HttpResponse<String> cancelPaid = asGateway(merchant.id(), "POST", PATH + "/" + paid + "/cancel", "");
        assertThat(cancelPaid.statusCode()).isEqualTo(409);
        assertThat(api().json(cancelPaid).at("/error/code").stringValue()).isEqualTo("INVALID_TRANSACTION_STATUS");
    }

    @Test
    void shouldSettleRefundWithinLimitsAndSendSignedEvents() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 100000)));

        HttpResponse<String> unpaidRefund = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-early-" + reference, 100));
        api().payQr(payment.path("qrCode").stringValue());
        JsonNode settled = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null));
        JsonNode first = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-1-" + reference, 30000)));
        JsonNode replay = ok(asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-1-" + reference, 30000)));
        HttpResponse<String> reused = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-1-" + reference, 30001));
        HttpResponse<String> tooMuch = asGateway(merchant.id(), "POST", PATH + "/" + reference + "/refunds",
                refund("rf-2-" + reference, 70001));
        JsonNode queriedRefund = ok(asGateway(merchant.id(), "GET", PATH + "/" + reference + "/refunds/rf-1-"
                + reference, null));

        assertThat(unpaidRefund.statusCode()).isEqualTo(409);
        assertThat(api().json(unpaidRefund).at("/error/code").stringValue()).isEqualTo("ATTEMPT_NOT_SUCCESS");
        assertThat(settled.path("status").stringValue()).isEqualTo("succeeded");
        assertThat(settled.path("providerReference").stringValue()).isNotBlank();
        assertThat(first.path("status").stringValue()).isEqualTo("succeeded");
        assertThat(replay.path("refundId").stringValue()).isEqualTo(first.path("refundId").stringValue());
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api().json(tooMuch).at("/error/code").stringValue()).isEqualTo("REFUND_EXCEEDS_REMAINING");
        assertThat(queriedRefund.path("amount").longValue()).isEqualTo(30000);
        assertThat(ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null)).path("refunded").longValue())
                .isEqualTo(30000);

        // At least once, not ordered: the gateway trusts each event's status, not its order of arrival.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GATEWAY.types(reference))
                .containsExactlyInAnyOrder("payment.succeeded", "payment.refunded"));
        JsonNode succeeded = GATEWAY.event(reference, "payment.succeeded");
        assertThat(succeeded.at("/data/status").stringValue()).isEqualTo("succeeded");
        assertThat(succeeded.at("/data/amount").longValue()).isEqualTo(100000);
        assertThat(succeeded.at("/data/refunded").longValue()).isZero();
        JsonNode refunded = GATEWAY.event(reference, "payment.refunded");
        assertThat(refunded.at("/data/status").stringValue()).isEqualTo("succeeded");
        assertThat(refunded.at("/data/refunded").longValue()).isEqualTo(30000);
    }

    @Test
    void shouldRetryAnEventTheGatewayRefusedWithTheSameId() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        GATEWAY.failNext(reference, 1);
        JsonNode payment = ok(asGateway(merchant.id(), "POST", PATH, create(reference, 42000)));

        api().payQr(payment.path("qrCode").stringValue());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GATEWAY.types(reference))
                .containsExactly("payment.succeeded"));
        assertThat(GATEWAY.refused.get()).isPositive();
        List<Map<String, Object>> rows = jdbcRows(reference);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("attempts")).isEqualTo(2);
        assertThat(rows.getFirst().get("delivered")).isEqualTo(true);
        assertThat(GATEWAY.idsSeen(reference)).hasSize(2).allMatch(id -> id.equals(rows.getFirst().get("id")));
    }

    @Test
    void shouldSendAnEventWhenTheQrExpires() {
        Merchant merchant = api().onboard();
        String reference = newReference();
        ok(asGateway(merchant.id(), "POST", PATH, "{\"reference\":\"" + reference
                + "\",\"amount\":9000,\"currency\":\"VND\",\"expiresInSeconds\":1}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GATEWAY.types(reference))
                .containsExactly("payment.expired"));
        assertThat(ok(asGateway(merchant.id(), "GET", PATH + "/" + reference, null)).path("status").stringValue())
                .isEqualTo("expired");
    }

    // ---- helpers ----

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private List<Map<String, Object>> jdbcRows(String reference) {
        return jdbc.sql("""
                SELECT id, attempts, delivered_at IS NOT NULL AS delivered FROM mqpay.gateway_event
                WHERE payload LIKE :pattern
                """).param("pattern", "%\"reference\":\"" + reference + "\"%").query().listOfRows();
    }

    private MqPayApi api;

    private MqPayApi api() {
        if (api == null) {
            api = new MqPayApi(port, json);
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

    private static String create(String reference, long amount) {
        return "{\"reference\":\"" + reference + "\",\"amount\":" + amount
                + ",\"currency\":\"VND\",\"paymentIntentId\":\"pi_test\",\"description\":\"Order\"}";
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
                server.createContext("/v1/webhooks/mqpay", stub::handle);
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

        List<String> events(String reference) {
            return byReference.getOrDefault(reference, List.of());
        }

        List<String> types(String reference) {
            return events(reference).stream().map(body -> json.readTree(body).path("type").stringValue()).toList();
        }

        JsonNode event(String reference, String type) {
            return events(reference).stream().map(json::readTree)
                    .filter(event -> event.path("type").stringValue().equals(type)).findFirst().orElseThrow();
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
                String reference = json.readTree(body).at("/data/reference").stringValue();
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
