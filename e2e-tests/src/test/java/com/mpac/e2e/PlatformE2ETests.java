package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacKey;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.testsupport.TestHttp;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

/**
 * Boots the platform through the launcher, as separate processes on an embedded PostgreSQL, and checks it from the
 * outside: every service ready, mpac-pgw's configuration push accepting a correctly signed request and refusing
 * forged, replayed and stale ones without writing anything, and a merchant back end paying through the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformE2ETests {

    private LocalPlatform platform;
    private PlatformKeys keys;
    private HmacKey portalKey;
    private HmacSigner portal;

    @BeforeAll
    void startPlatform() throws IOException {
        platform = LocalPlatform.start(Path.of(System.getProperty("mpac.root", "..")).toAbsolutePath().normalize());
        platform.awaitReady(Duration.ofMinutes(6));
        keys = PlatformKeys.parse(platform.setting("MPAC_PLATFORM_KEYS"));
        portalKey = keys.keyOf("svc-portal").orElseThrow();
        portal = new HmacSigner(portalKey, Clock.systemUTC());
    }

    @AfterAll
    void stopPlatform() throws InterruptedException, IOException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldBringAllSevenServicesUpAsSeparateProcesses() {
        for (String service : LocalPlatform.SERVICES) {
            HttpResponse<String> health = get(platform.url(service) + "/actuator/health");

            assertThat(health.statusCode()).as(service).isEqualTo(200);
            assertThat(health.body()).as(service).contains("\"status\":\"UP\"");
        }
        assertThat(platform.ports().values()).doesNotHaveDuplicates().hasSize(7);
        assertThat(platform.console()).contains("svc-portal").contains("payment-request");
    }

    @Test
    void shouldAcceptAndStoreACorrectlySignedConfigurationPush() throws Exception {
        String merchantId = "m_e2e_" + UUID.randomUUID().toString().substring(0, 8);
        String body = configuration(merchantId, 1);

        HttpResponse<String> first = post(body, portal.headers("POST", syncUri(), bytes(body)));
        HttpResponse<String> again = post(body, portal.headers("POST", syncUri(), bytes(body)));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"outcome\":\"APPLIED\"").contains("\"merchant_id\":\"" + merchantId + "\"");
        assertThat(again.body()).contains("\"outcome\":\"UNCHANGED\"");
        assertThat(storedVersion(merchantId)).isEqualTo(1L);
    }

    @Test
    void shouldRefuseAWrongSignatureWithoutWritingAnything() throws Exception {
        String merchantId = "m_e2e_" + UUID.randomUUID().toString().substring(0, 8);
        String body = configuration(merchantId, 1);
        Map<String, String> headers = new HashMap<>(portal.headers("POST", syncUri(), bytes(body)));
        headers.put(HmacHeaders.SIGNATURE, "v1=" + "ab".repeat(32));

        assertRefusedAndNothingWritten(post(body, headers), merchantId, headers);
    }

    @Test
    void shouldRefuseAReplayedNonceWithoutWritingAnything() throws Exception {
        String stored = "m_e2e_" + UUID.randomUUID().toString().substring(0, 8);
        String body = configuration(stored, 1);
        Map<String, String> headers = portal.headers("POST", syncUri(), bytes(body));
        assertThat(post(body, headers).statusCode()).isEqualTo(200);
        // The same signed headers on a newer version: a captured request replayed with its nonce.
        String newer = configuration(stored, 2);
        Map<String, String> replayHeaders = new HashMap<>(headers);

        HttpResponse<String> replay = post(body, replayHeaders);
        HttpResponse<String> replayOfNewer = post(newer, replayHeaders);

        assertProblem401(replay);
        assertProblem401(replayOfNewer);
        assertThat(storedVersion(stored)).isEqualTo(1L);
    }

    @Test
    void shouldRefuseATimestamp301SecondsOldWithoutWritingAnything() throws Exception {
        String merchantId = "m_e2e_" + UUID.randomUUID().toString().substring(0, 8);
        String body = configuration(merchantId, 1);
        HmacSigner past = new HmacSigner(portalKey.keyId(), portalKey.signingSecret(),
                Clock.fixed(Instant.now().minusSeconds(301), java.time.ZoneOffset.UTC));
        Map<String, String> headers = past.headers("POST", syncUri(), bytes(body));

        assertRefusedAndNothingWritten(post(body, headers), merchantId, headers);
    }

    @Test
    void shouldRefuseAnotherPlatformServicesKeyOnThePortalsRoute() throws Exception {
        String merchantId = "m_e2e_" + UUID.randomUUID().toString().substring(0, 8);
        String body = configuration(merchantId, 1);
        HmacSigner pgw = new HmacSigner(keys.keyOf("mpac-pgw").orElseThrow(), Clock.systemUTC());

        HttpResponse<String> response = post(body, pgw.headers("POST", syncUri(), bytes(body)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(storedVersion(merchantId)).isNull();
    }

    /**
     * A merchant back end with the API key the configuration push delivered: a PaymentIntent held, captured in part
     * and refunded in part on the SANDBOX test card, and each step arriving at the merchant's endpoint as a
     * Standard Webhook that the reference library verifies.
     */
    @Test
    void shouldLetAMerchantBackEndPayThroughTheGatewayAndReceiveSignedWebhooks() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        String webhookSecret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        Webhook verifier = new Webhook(webhookSecret);
        HttpServer endpoint = HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                verifier.verify(payload, HttpHeaders.of(exchange.getRequestHeaders(), (a, b) -> true));
                received.add(payload);
                exchange.sendResponseHeaders(204, -1);
            }
            catch (Exception ex) {
                exchange.sendResponseHeaders(400, -1);
            }
            exchange.close();
        });
        endpoint.start();
        try {
            String merchantId = "m_e2e_" + UUID.randomUUID().toString().substring(0, 8);
            String body = configuration(merchantId, 1).replace("\"webhook_endpoints\":[]",
                    "\"webhook_endpoints\":[{\"endpoint_id\":\"we_" + merchantId + "\",\"url\":\"http://127.0.0.1:"
                            + endpoint.getAddress().getPort() + "/hooks\",\"secret\":\"" + webhookSecret
                            + "\",\"events\":[\"*\"],\"status\":\"ACTIVE\"}]");
            assertThat(post(body, portal.headers("POST", syncUri(), bytes(body))).statusCode()).isEqualTo(200);
            HmacSigner merchant = new HmacSigner("mpk_e2e_" + merchantId.substring(6),
                    "mps_e2e_secret_0123456789abcdef", Clock.systemUTC());

            String created = merchantPost(merchant, "/v1/payment_intents",
                    "{\"amount\":1500,\"currency\":\"JPY\",\"capture_method\":\"manual\"}");
            String id = created.replaceAll("(?s).*\"id\":\"(pi_[0-9a-z]+)\".*", "$1");
            String held = merchantPost(merchant, "/v1/payment_intents/" + id + "/confirm",
                    "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}");
            String captured = merchantPost(merchant, "/v1/payment_intents/" + id + "/capture",
                    "{\"amount_to_capture\":1200}");
            String refund = merchantPost(merchant, "/v1/payment_intents/" + id + "/refund", "{\"amount\":500}");

            assertThat(held).contains("\"status\":\"requires_capture\"");
            assertThat(captured).contains("\"status\":\"succeeded\"").contains("\"amount_received\":1200");
            assertThat(refund).contains("\"status\":\"succeeded\"").contains("\"amount\":500");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
            assertThat(received).extracting(event -> event.replaceAll("(?s).*?\"type\":\"([^\"]*)\".*", "$1"))
                    .containsExactlyInAnyOrder("payment_intent.created", "payment_intent.amount_capturable_updated",
                            "payment_intent.succeeded", "refund.succeeded");
        }
        finally {
            endpoint.stop(0);
        }
    }

    private String merchantPost(HmacSigner merchant, String path, String body) {
        Map<String, String> headers = new HashMap<>(merchant.headers("POST",
                URI.create(platform.url("mpac-pgw") + path), bytes(body)));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> response = new TestHttp(platform.url("mpac-pgw")).post(path, body, headers);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return response.body();
    }

    private void assertRefusedAndNothingWritten(HttpResponse<String> response, String merchantId,
            Map<String, String> headers) throws SQLException, IOException {
        assertProblem401(response);
        assertThat(storedVersion(merchantId)).isNull();
        assertThat(nonceSeen(headers.get(HmacHeaders.NONCE))).isFalse();
    }

    private static void assertProblem401(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"").contains("\"status\":401");
    }

    private URI syncUri() {
        return URI.create(platform.url("mpac-pgw") + MerchantConfiguration.PATH);
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) {
        return new TestHttp(platform.url("mpac-pgw")).post(MerchantConfiguration.PATH, body, headers);
    }

    private static HttpResponse<String> get(String url) {
        return new TestHttp(url).get("");
    }

    /** Read as mpac-pgw's own database role, with the password the launcher generated for it. */
    private Long storedVersion(String merchantId) throws SQLException, IOException {
        return queryOne("SELECT version FROM pgw.merchant WHERE merchant_id = ?", merchantId,
                rs -> rs.getLong(1));
    }

    private boolean nonceSeen(String nonce) throws SQLException, IOException {
        return queryOne("SELECT 1 FROM pgw.s2s_nonce WHERE nonce = ?", nonce, rs -> true) != null;
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T queryOne(String sql, String parameter, Column<T> column) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), "pgw",
                platform.setting("MPAC_DB_PASSWORD_PGW"));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? column.read(rs) : null;
            }
        }
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String configuration(String merchantId, long version) {
        String suffix = merchantId.substring(6);
        return """
                {"merchant_id":"%s","version":%d,"psp_id":"psp_e2e","name":"E2E Coffee","status":"ACTIVE",
                 "providers":[{"provider":"PAYPAY","enabled":true,"identifiers":{"merchant_id":"pp-%s"},
                               "credentials":{"api_secret":"pp-secret"}}],
                 "stores":[{"store_id":"st_%s","name":"Main","status":"ACTIVE","timezone":"Asia/Tokyo",
                            "terminals":[{"terminal_id":"tm_%s","serial_number":"SN-1","status":"ACTIVE"}]}],
                 "api_keys":[{"key_id":"mpk_e2e_%s","secrets":["mps_e2e_secret_0123456789abcdef"],"status":"ACTIVE"}],
                 "webhook_endpoints":[],"api_users":[]}
                """.formatted(merchantId, version, suffix, suffix, suffix, suffix);
    }
}
