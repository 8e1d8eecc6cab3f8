package com.mpac.portal.outbox;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mpac.portal.outbox.SyncReceiverStub.Received;
import com.mpac.portal.registry.PortalApi;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

/**
 * The configuration push end to end: changes made through the API reach a stub mpac-pgw, signed, in version order,
 * retried after failures, and nothing is sent while nothing changes. A second target (an adapter without the route
 * yet, answering 404) shows that one receiver's failures do not hold up another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mpac.portal.config-push.targets=pgw,mia",
        "mpac.portal.config-push.poll-interval=200ms",
        "mpac.portal.config-push.initial-backoff=200ms",
        "mpac.portal.config-push.max-backoff=2s" })
class ConfigPushDispatcherIntegrationTests {

    static final SyncReceiverStub PGW = new SyncReceiverStub(200);
    static final SyncReceiverStub MIA = new SyncReceiverStub(404);
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("mpac.pgw-url", PGW::url);
        registry.add("mpac.mia-url", MIA::url);
    }

    @AfterAll
    static void stopReceivers() {
        PGW.stop();
        MIA.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    TokenSigner signer;

    PortalApi api;
    RegistryFixtures fixtures;
    String admin;
    String pspId;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
        admin = fixtures.platformAdmin();
        pspId = fixtures.psp();
    }

    @Test
    void shouldDeliverEveryChangeSignedAndInVersionOrder() {
        String merchantId = createMerchant("Ordered");
        api.post("/api/v1/stores", admin, json("merchantId", merchantId, "name", "Main", "address",
                Map.of("line1", "Str. 1", "city", "Chisinau", "country", "MD"), "timezone", "Europe/Chisinau"));
        api.patch("/api/v1/merchants/" + merchantId, admin, json("name", "Ordered, renamed"));

        await().atMost(PATIENCE).until(() -> PGW.receivedFor(merchantId).stream().anyMatch(r -> r.version() == 3));

        List<Received> received = PGW.receivedFor(merchantId);
        assertThat(received).allMatch(Received::signatureValid);
        assertThat(received).extracting(Received::version).isSorted().doesNotHaveDuplicates();
        Received last = received.getLast();
        assertThat(last.version()).isEqualTo(3);
        assertThat(last.name()).isEqualTo("Ordered, renamed");
        assertThat(last.body().get("psp_id").asString()).isEqualTo(pspId);
        assertThat(last.body().get("stores").get(0).get("timezone").asString()).isEqualTo("Europe/Chisinau");
        await().atMost(PATIENCE).until(() -> "DELIVERED 3".equals(delivery(merchantId, "pgw")));
    }

    @Test
    void shouldRetryAfterAServerErrorUntilDelivered() {
        PGW.failFirstRequestOfMerchantsNamed("Flaky");
        String merchantId = createMerchant("Flaky");

        await().atMost(PATIENCE).until(() -> "DELIVERED 1".equals(delivery(merchantId, "pgw")));

        List<Received> received = PGW.receivedFor(merchantId);
        assertThat(received).hasSize(2).allMatch(r -> r.version() == 1).allMatch(Received::signatureValid);
        assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
        assertThat(jdbc.sql("SELECT attempts FROM config_delivery WHERE merchant_id = :id AND target = 'pgw'")
                .param("id", merchantId).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void shouldSendNothingMoreWhileNothingChanges() {
        String merchantId = createMerchant("Quiet");
        await().atMost(PATIENCE).until(() -> "DELIVERED 1".equals(delivery(merchantId, "pgw")));

        api.patch("/api/v1/merchants/" + merchantId, admin, json("name", "Quiet"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> PGW.receivedFor(merchantId).size() == 1);
    }

    @Test
    void shouldSendOnlyTheNewestVersionOnceAReceiverComesBack() {
        String merchantId = createMerchant("Backlog");
        PGW.failNext(merchantId, 1_000);
        await().atMost(PATIENCE).until(() -> !PGW.receivedFor(merchantId).isEmpty());
        for (int i = 2; i <= 4; i++) {
            api.patch("/api/v1/merchants/" + merchantId, admin, json("name", "Backlog " + i));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM config_push WHERE merchant_id = :id").param("id", merchantId)
                .query(Long.class).single()).as("superseded versions are dropped").isEqualTo(1);

        PGW.failNext(merchantId, 0);
        await().atMost(PATIENCE).until(() -> "DELIVERED 4".equals(delivery(merchantId, "pgw")));

        List<Received> received = PGW.receivedFor(merchantId);
        assertThat(received).extracting(Received::version).isSorted();
        assertThat(received).filteredOn(r -> r.answeredStatus() == 200).extracting(Received::version)
                .as("once the receiver is back, only the newest version goes").containsExactly(4L);
        assertThat(received.getLast().name()).isEqualTo("Backlog 4");
    }

    @Test
    void shouldKeepTargetsIndependentAndGiveUpAfterTheConfiguredTime() {
        String merchantId = createMerchant("Two targets");

        await().atMost(PATIENCE).until(() -> "DELIVERED 1".equals(delivery(merchantId, "pgw")));
        await().atMost(PATIENCE).until(() -> !MIA.receivedFor(merchantId).isEmpty());
        assertThat(delivery(merchantId, "mia")).isEqualTo("PENDING null");
        assertThat(jdbc.sql("SELECT last_error FROM config_delivery WHERE merchant_id = :id AND target = 'mia'")
                .param("id", merchantId).query(String.class).single()).isEqualTo("HTTP 404");

        // As if the adapter had answered 404 for three days: the next failure gives up.
        jdbc.sql("""
                UPDATE config_delivery SET enqueued_at = now() - interval '73 hours', next_attempt_at = now()
                WHERE merchant_id = :id AND target = 'mia'
                """).param("id", merchantId).update();
        await().atMost(PATIENCE).until(() -> "FAILED null".equals(delivery(merchantId, "mia")));

        api.patch("/api/v1/merchants/" + merchantId, admin, json("name", "Two targets again"));
        assertThat(delivery(merchantId, "mia")).as("a new version starts over").isEqualTo("PENDING null");
    }

    @Test
    void shouldDeliverWebhookEndpointsAndProviderCredentialsToTheGateway() {
        String merchantId = createMerchant("Connected");
        api.patch("/api/v1/merchants/" + merchantId, admin, json("paypayMerchantId", "PP-CONNECTED",
                "enabledProviders", List.of("PAYPAY")));
        String secret = api.post("/api/v1/merchants/" + merchantId + "/webhook-endpoints", admin,
                json("url", "https://connected.example/hooks", "events", List.of("payment_intent.*")))
                .json().get("secret").asString();
        assertThat(api.send("PUT", "/api/v1/merchants/" + merchantId + "/providers/PAYPAY/settings", admin,
                json("identifiers", Map.of("base_url", "https://paypay.example"),
                        "credentials", Map.of("api_key", "connected-key", "api_secret", "connected-secret")))
                .status()).isEqualTo(200);
        long version = jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id")
                .param("id", merchantId).query(Long.class).single();

        await().atMost(PATIENCE).until(() -> PGW.receivedFor(merchantId).stream()
                .anyMatch(r -> r.version() == version));

        Received last = PGW.receivedFor(merchantId).getLast();
        assertThat(last.version()).isEqualTo(version);
        assertThat(last.signatureValid()).isTrue();
        var endpoint = last.body().get("webhook_endpoints").get(0);
        assertThat(endpoint.get("url").asString()).isEqualTo("https://connected.example/hooks");
        assertThat(endpoint.get("secret").asString()).isEqualTo(secret);
        assertThat(endpoint.get("events").get(0).asString()).isEqualTo("payment_intent.*");
        var paypay = last.body().get("providers").get(0);
        assertThat(paypay.get("provider").asString()).isEqualTo("PAYPAY");
        assertThat(paypay.get("enabled").asBoolean()).isTrue();
        assertThat(paypay.get("identifiers").get("merchant_id").asString()).isEqualTo("PP-CONNECTED");
        assertThat(paypay.get("identifiers").get("base_url").asString()).isEqualTo("https://paypay.example");
        assertThat(paypay.get("credentials").get("api_key").asString()).isEqualTo("connected-key");
        assertThat(paypay.get("credentials").get("api_secret").asString()).isEqualTo("connected-secret");
    }

    private String createMerchant(String name) {
        return api.post("/api/v1/merchants", admin, json("pspId", pspId, "name", name)).json().get("id").asString();
    }

    private String delivery(String merchantId, String target) {
        return jdbc.sql("SELECT status || ' ' || coalesce(delivered_version::text, 'null') FROM config_delivery"
                        + " WHERE merchant_id = :id AND target = :target")
                .param("id", merchantId).param("target", target).query(String.class).optional().orElse(null);
    }
}
