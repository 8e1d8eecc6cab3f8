package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
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
import java.util.Map;
import java.util.UUID;

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

/**
 * Boots the platform through the launcher, as separate processes on an embedded PostgreSQL, and checks it from the
 * outside: every service ready, and the first HMAC-protected route (mpac-pgw's configuration push) accepting a
 * correctly signed request and refusing forged, replayed and stale ones without writing anything.
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
