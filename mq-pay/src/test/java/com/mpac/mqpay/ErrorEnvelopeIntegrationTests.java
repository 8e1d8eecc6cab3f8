package com.mpac.mqpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

/** Every failure under /api/mq-pay answers the seed's envelope, whatever raised it; the OpenAPI document lists it all. */
class ErrorEnvelopeIntegrationTests extends MqPayIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldAnswerFrameworkErrorsInTheEnvelope() throws Exception {
        Merchant merchant = api().onboard();

        HttpResponse<String> unknownRoute = api().get(merchant, "/no-such-thing");
        HttpResponse<String> wrongMethod = api().send(merchant, "PUT", "/transactions", "{}", Map.of());
        String path = "/api/mq-pay/payments/checkout";
        java.net.http.HttpRequest.Builder textPlain = java.net.http.HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        merchant.signer().headers("POST", URI.create(path), "{}".getBytes(StandardCharsets.UTF_8))
                .forEach(textPlain::header);
        HttpResponse<String> wrongMediaType = java.net.http.HttpClient.newHttpClient().send(textPlain.build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> xmlOnly = api().send(merchant, "GET", "/transactions", null,
                Map.of("Accept", "application/xml"));

        assertThat(xmlOnly.statusCode()).isEqualTo(406);
        assertThat(api().json(xmlOnly).at("/error/code").stringValue()).isEqualTo("NOT_ACCEPTABLE");
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(api().json(unknownRoute).at("/error/code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(api().json(wrongMethod).at("/error/code").stringValue()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrongMediaType.statusCode()).isEqualTo(415);
        assertThat(api().json(wrongMediaType).at("/error/code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void shouldAnswerTheSharedFiltersRefusalsInTheEnvelope() {
        Merchant merchant = api().onboard();
        String body = MqPayApi.checkoutBody(MqPayApi.newSource(), "SYSTEM", "200_CASH", 1000, null);
        Map<String, String> key = Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());
        api().post(merchant, "/payments/checkout", body, key);

        HttpResponse<String> reused = api().post(merchant, "/payments/checkout", body.replace("1000", "2000"), key);
        HttpResponse<String> invalidKey = api().post(merchant, "/payments/checkout", body,
                Map.of("Idempotency-Key", "has spaces in it"));
        HttpResponse<String> tooLarge = api().post(merchant, "/payments/checkout",
                "{\"note\":\"" + "x".repeat(1_100_000) + "\"}");

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(api().json(reused).at("/error/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(invalidKey.statusCode()).isEqualTo(400);
        assertThat(api().json(invalidKey).at("/error/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(api().json(tooLarge).at("/error/code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
        for (HttpResponse<String> response : List.of(reused, invalidKey, tooLarge)) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(api().json(response).at("/error/message").stringValue()).isNotBlank();
        }
    }

    @Test
    void shouldAnswerInFlightWhileTheFirstRequestWithTheKeyRuns() throws Exception {
        Merchant merchant = api().onboard();
        String source = MqPayApi.newSource();
        String transactionId = api().checkoutCash(merchant, source, 10000).at("/transaction/id").stringValue();
        String body = MqPayApi.checkoutBody(source, "SYSTEM", "200_CASH", 10000, null);
        String key = java.util.UUID.randomUUID().toString();
        Map<String, String> keyed = Map.of("Idempotency-Key", key);

        HttpResponse<String> inFlight;
        java.util.concurrent.Future<HttpResponse<String>> first;
        try (Connection holder = dataSource.getConnection();
                var pool = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            // Holding the transaction's row lock parks the first request inside checkout, its key claimed.
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT id FROM payment_transaction WHERE id = ?::uuid FOR UPDATE")) {
                lock.setString(1, transactionId);
                lock.executeQuery().close();
            }
            first = pool.submit(() -> api().post(merchant, "/payments/checkout", body, keyed));
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM idempotency_key WHERE idempotency_key = :key AND state = 'IN_FLIGHT'
                    """).param("key", key).query(Long.class).single() == 1);

            inFlight = api().post(merchant, "/payments/checkout", body, keyed);

            holder.rollback();
            assertThat(first.get().statusCode()).isEqualTo(200);
        }
        HttpResponse<String> replayed = api().post(merchant, "/payments/checkout", body, keyed);

        assertThat(inFlight.statusCode()).isEqualTo(409);
        assertThat(api().json(inFlight).at("/error/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
        assertThat(api().json(inFlight).at("/error/message").stringValue()).isNotBlank();
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).isEqualTo(first.get().body());
    }

    @Test
    void shouldLetAPlatformServiceActOnlyForANamedMerchant() {
        Merchant merchant = api().onboard();
        HmacSigner smarttab = new HmacSigner(TestPlatformKeys.keyId("svc-smarttab"),
                TestPlatformKeys.secret("svc-smarttab"), Clock.systemUTC());
        TestHttp http = TestHttp.localhost(port);
        String path = "/api/mq-pay/transactions/count";

        HttpResponse<String> anonymousMerchant = http.get(path,
                smarttab.headers("GET", URI.create(path), new byte[0]));
        Map<String, String> onBehalf = new HashMap<>(smarttab.headers("GET", URI.create(path), new byte[0]));
        onBehalf.put("X-MPAC-On-Behalf-Of", merchant.id());
        HttpResponse<String> named = http.get(path, onBehalf);

        assertThat(anonymousMerchant.statusCode()).isEqualTo(403);
        assertThat(api().json(anonymousMerchant).at("/error/code").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(api().json(named).at("/count").longValue()).isZero();
    }

    @Test
    void shouldRefuseAReplayedSignature() {
        Merchant merchant = api().onboard();
        String path = "/api/mq-pay/transactions";
        Map<String, String> headers = merchant.signer().headers("GET", URI.create(path),
                "".getBytes(StandardCharsets.UTF_8));
        TestHttp http = TestHttp.localhost(port);

        HttpResponse<String> first = http.get(path, headers);
        HttpResponse<String> replay = http.get(path, headers);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(api().json(replay).at("/error/code").stringValue()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void shouldDocumentEveryRouteInOpenApi() {
        HttpResponse<String> docs = TestHttp.localhost(port).get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/mq-pay/payments/checkout", "/api/mq-pay/payments/system/ipn",
                "/api/mq-pay/payments/cancel", "/api/mq-pay/payments/verify", "/api/mq-pay/payments/refund",
                "/api/mq-pay/payments/vnpay/ipn", "/api/mq-pay/transactions/count",
                "/api/mq-pay/payment-attempts/{id}", "/api/mq-pay/payment-results", "/api/mq-pay/transaction-items",
                "/api/mq-pay/sandbox/vnpay/pay", "/v1/sync/merchants", "PROVIDER_NOT_CONFIGURED");
    }

    @Test
    void shouldDocumentEachResourceRowWithTheFieldsItsAnswersHave() {
        Merchant merchant = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 5000);
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 5000);
        String transactionId = cash.at("/transaction/id").stringValue();
        JsonNode item = api().ok(api().post(merchant, "/transaction-items", "{\"transactionId\":\"" + transactionId
                + "\",\"name\":\"Tea\",\"quantity\":1,\"unitPrice\":5000}"));
        JsonNode docs = api().json(TestHttp.localhost(port).get("/v3/api-docs"));
        Map<String, JsonNode> answers = Map.of(
                "Transaction", api().ok(api().get(merchant, "/transactions/" + transactionId)),
                "PaymentAttempt", api().ok(api().get(merchant, "/payment-attempts/"
                        + cash.at("/attempt/id").stringValue())),
                "PaymentResult", api().ok(api().get(merchant, "/payment-results")).get(0),
                "TransactionItem", item);
        Map<String, String> paths = Map.of("Transaction", "/api/mq-pay/transactions",
                "PaymentAttempt", "/api/mq-pay/payment-attempts", "PaymentResult", "/api/mq-pay/payment-results",
                "TransactionItem", "/api/mq-pay/transaction-items");

        for (var answer : answers.entrySet()) {
            String name = answer.getKey();
            JsonNode schema = docs.at("/components/schemas/" + name);
            assertThat(List.copyOf(schema.at("/properties").propertyNames())).as(name)
                    .containsExactlyElementsOf(answer.getValue().propertyNames());
            String ref = "#/components/schemas/" + name;
            String base = paths.get(name);
            JsonNode operations = docs.at("/paths").get(base + "/{id}");
            assertThat(operations.at("/get/responses/200/content/application~1json/schema/$ref").stringValue())
                    .as(name).isEqualTo(ref);
            assertThat(operations.at("/patch/responses/200/content/application~1json/schema/$ref").stringValue())
                    .as(name).isEqualTo(ref);
            JsonNode list = docs.at("/paths").get(base);
            assertThat(list.at("/get/responses/200/content/application~1json/schema/items/$ref").stringValue())
                    .as(name).isEqualTo(ref);
            assertThat(list.at("/post/responses/200/content/application~1json/schema/$ref").stringValue())
                    .as(name).isEqualTo(ref);
            assertThat(docs.at("/paths").get(base + "/count")
                    .at("/get/responses/200/content/application~1json/schema/properties/count").isMissingNode())
                    .as(name).isFalse();
        }
        assertThat(docs.at("/components/schemas/Transaction/properties/total/pattern").stringValue()).isNotBlank();
        assertThat(docs.at("/components/schemas/PaymentResult/properties/reviewReason/description").stringValue())
                .contains("PAID_AFTER_DELETE");
    }

    @Test
    void shouldDocumentTheHmacSchemeOnSignedRoutesOnly() {
        JsonNode docs = api().json(TestHttp.localhost(port).get("/v3/api-docs"));

        JsonNode scheme = docs.at("/components/securitySchemes/mpacHmac");
        assertThat(scheme.at("/type").stringValue()).isEqualTo("apiKey");
        assertThat(scheme.at("/in").stringValue()).isEqualTo("header");
        assertThat(scheme.at("/name").stringValue()).isEqualTo("X-MPAC-Signature");
        assertThat(scheme.at("/description").stringValue()).contains("X-MPAC-Key-Id", "X-MPAC-Timestamp",
                "X-MPAC-Nonce", "HMAC-SHA256");
        JsonNode paths = docs.at("/paths");
        for (String signed : List.of("/api/mq-pay/payments/checkout", "/api/mq-pay/payments/refund",
                "/v1/sync/merchants")) {
            assertThat(paths.get(signed).at("/post/security/0/mpacHmac").isArray()).as(signed).isTrue();
        }
        assertThat(paths.get("/api/mq-pay/transactions/{id}").at("/get/security/0/mpacHmac").isArray()).isTrue();
        for (String open : List.of("/api/mq-pay/payments/vnpay/ipn", "/api/mq-pay/sandbox/vnpay/pay")) {
            assertThat(paths.get(open).at("/post/security").isMissingNode()).as(open).isTrue();
        }
        assertThat(docs.at("/info/description").stringValue()).contains("Choices", "505_CANCELLED", "403_BLOCKED",
                "SYSTEM");
        JsonNode checkout = paths.get("/api/mq-pay/payments/checkout").at("/post/responses/200/content");
        String ref = checkout.get(checkout.propertyNames().iterator().next()).at("/schema/$ref").stringValue();
        JsonNode answer = docs.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(List.copyOf(answer.at("/properties").propertyNames()))
                .containsExactlyInAnyOrder("transaction", "attempt", "payment");
    }
}
