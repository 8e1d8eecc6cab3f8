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
}
