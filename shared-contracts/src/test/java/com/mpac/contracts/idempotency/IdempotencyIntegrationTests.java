package com.mpac.contracts.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.ContractsTestApplication;
import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContractsTestApplication.TestController controller;

    private TestHttp client;
    private final HmacSigner portal = signer("svc-portal");
    private final HmacSigner smarttab = signer("svc-smarttab");

    @BeforeEach
    void setUp() {
        client = TestHttp.localhost(port);
        controller.gate = new CountDownLatch(0);
    }

    @Test
    void shouldReplayTheStoredResponseForTheSameKeyAndBody() {
        String key = UUID.randomUUID().toString();
        int before = controller.payments.get();

        HttpResponse<String> first = pay(portal, key, "{\"amount\":1500}");
        HttpResponse<String> second = pay(portal, key, "{\"amount\":1500}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body()).contains("\"amount\":1500");
        assertThat(second.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(first.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(controller.payments.get()).isEqualTo(before + 1);
        String stored = jdbc.sql("SELECT response_body_sealed FROM idempotency_key WHERE idempotency_key = :key")
                .param("key", key).query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain("amount");
    }

    @Test
    void shouldAnswer422WhenTheKeyIsReusedWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        pay(portal, key, "{\"amount\":1500}");
        int before = controller.payments.get();

        HttpResponse<String> reused = pay(portal, key, "{\"amount\":2500}");

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("\"code\":\"idempotency_key_reused\"");
        assertThat(controller.payments.get()).isEqualTo(before);
    }

    @Test
    void shouldAnswer409WhileTheFirstRequestIsInFlight() throws Exception {
        String key = UUID.randomUUID().toString();
        controller.gate = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture
                .supplyAsync(() -> pay(portal, key, "{\"amount\":700}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> state(portal, key), "IN_FLIGHT"::equals);

        HttpResponse<String> concurrent = pay(portal, key, "{\"amount\":700}");
        controller.gate.countDown();

        assertThat(concurrent.statusCode()).isEqualTo(409);
        assertThat(concurrent.body()).contains("\"code\":\"idempotency_key_in_flight\"");
        assertThat(first.get().statusCode()).isEqualTo(201);
        assertThat(state(portal, key)).isEqualTo("COMPLETED");
    }

    @Test
    void shouldScopeKeysToTheCaller() {
        String key = UUID.randomUUID().toString();
        int before = controller.payments.get();

        assertThat(pay(portal, key, "{\"amount\":100}").statusCode()).isEqualTo(201);
        assertThat(pay(smarttab, key, "{\"amount\":999}").statusCode()).isEqualTo(201);

        assertThat(controller.payments.get()).isEqualTo(before + 2);
    }

    @Test
    void shouldScopeAPlatformKeysIdempotencyKeysToTheMerchantItActsFor() {
        String key = UUID.randomUUID().toString();
        int before = controller.payments.get();

        HttpResponse<String> forA = pay(smarttab, key, "{\"amount\":100}", "mer_a");
        HttpResponse<String> forB = pay(smarttab, key, "{\"amount\":100}", "mer_b");
        HttpResponse<String> againForA = pay(smarttab, key, "{\"amount\":100}", "mer_a");

        assertThat(forA.statusCode()).isEqualTo(201);
        assertThat(forB.statusCode()).isEqualTo(201);
        assertThat(forB.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(againForA.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(controller.payments.get()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT caller FROM idempotency_key WHERE idempotency_key = :key ORDER BY caller")
                .param("key", key).query(String.class).list())
                .containsExactly("platform:svc-smarttab>mer_a", "platform:svc-smarttab>mer_b");
    }

    @Test
    void shouldRequireAKeyWhereConfiguredAndRejectAMalformedOne() {
        int before = controller.payments.get();

        HttpResponse<String> missing = pay(portal, null, "{\"amount\":100}");
        HttpResponse<String> tooLong = pay(portal, "k".repeat(256), "{\"amount\":100}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"code\":\"idempotency_key_missing\"");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"code\":\"idempotency_key_invalid\"");
        assertThat(controller.payments.get()).isEqualTo(before);
    }

    @Test
    void shouldReplayAClientErrorButNotPinAServerOutcome() {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> rejected = pay(portal, key, "{\"amount\":-5}");
        HttpResponse<String> again = pay(portal, key, "{\"amount\":-5}");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("amount must not be negative");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
    }

    @Test
    void shouldAnswerMalformedJsonWithAProblemAndStoreIt() {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> malformed = pay(portal, key, "{\"amount\":");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.body()).contains("\"code\":\"malformed_request\"");
    }

    private String state(HmacSigner signer, String key) {
        String caller = "platform:" + (signer == portal ? "svc-portal" : "svc-smarttab");
        return jdbc.sql("SELECT state FROM idempotency_key WHERE caller = :caller AND idempotency_key = :key")
                .param("caller", caller).param("key", key).query(String.class).optional().orElse("NONE");
    }

    private HttpResponse<String> pay(HmacSigner signer, String key, String body) {
        return pay(signer, key, body, null);
    }

    private HttpResponse<String> pay(HmacSigner signer, String key, String body, String onBehalfOf) {
        Map<String, String> headers = new HashMap<>(signer.headers("POST", URI.create("http://x/s2s/payments"),
                body.getBytes(StandardCharsets.UTF_8)));
        if (key != null) {
            headers.put(IdempotencyFilter.HEADER, key);
        }
        if (onBehalfOf != null) {
            headers.put(HmacHeaders.ON_BEHALF_OF, onBehalfOf);
        }
        return client.post("/s2s/payments", body, headers);
    }

    private static HmacSigner signer(String service) {
        return new HmacSigner(TestPlatformKeys.keyId(service), TestPlatformKeys.secret(service), Clock.systemUTC());
    }
}
