package com.mpac.contracts.hmac;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import com.mpac.contracts.ContractsTestApplication;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HmacAuthenticationIntegrationTests {

    private static final String BODY = "{\"amount\":1500,\"currency\":\"JPY\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestHttp client;
    private HmacSigner portal;

    @BeforeEach
    void setUp() {
        client = TestHttp.localhost(port);
        portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
    }

    @Test
    void shouldAcceptARequestSignedByTheRestClientSigner() {
        String answer = RestClient.builder().baseUrl("http://localhost:" + port).requestInterceptor(portal).build()
                .post().uri("/s2s/echo?b=2&a=1").contentType(MediaType.APPLICATION_JSON).body(BODY)
                .retrieve().body(String.class);

        assertThat(answer).contains("\"caller\":\"platform:svc-portal\"").contains("\"merchant\":\"-\"")
                .contains("\\\"amount\\\":1500");
    }

    @Test
    void shouldVerifyTheExactBytesReceivedNotAReserialisation() {
        String oddlyFormatted = "{ \"currency\" : \"JPY\",\n  \"amount\": 1500.0 }";
        HttpResponse<String> response = client.post("/s2s/echo", oddlyFormatted, signed(portal, "/s2s/echo",
                oddlyFormatted));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRejectAWrongSignatureWithAProblemAndNoNonceStored() {
        Map<String, String> headers = signed(portal, "/s2s/echo", BODY);
        headers.put(HmacHeaders.SIGNATURE, "v1=" + "0".repeat(64));

        assertUnauthenticatedAndNothingStored(client.post("/s2s/echo", BODY, headers), headers);
    }

    @Test
    void shouldRejectATamperedBody() {
        Map<String, String> headers = signed(portal, "/s2s/echo", BODY);

        assertUnauthenticatedAndNothingStored(client.post("/s2s/echo", BODY.replace("1500", "9500"), headers),
                headers);
    }

    @Test
    void shouldRejectATamperedQuery() {
        Map<String, String> headers = signed(portal, "/s2s/echo?limit=2", BODY);

        assertUnauthenticatedAndNothingStored(client.post("/s2s/echo?limit=3", BODY, headers), headers);
    }

    @Test
    void shouldRejectAReplayedNonce() {
        Map<String, String> headers = signed(portal, "/s2s/echo", BODY);

        assertThat(client.post("/s2s/echo", BODY, headers).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = client.post("/s2s/echo", BODY, headers);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(nonceRows(headers)).isEqualTo(1);
    }

    @Test
    void shouldRejectATimestampJustOutsideTheWindowAndAcceptOneJustInside() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> stale = signedAt(portal, "/s2s/echo", BODY, now - 301);
        // The server reads its clock after ours, so 301 s in the past is outside for certain; the future bound
        // gets a margin for the time the request takes to arrive.
        Map<String, String> future = signedAt(portal, "/s2s/echo", BODY, now + 310);
        Map<String, String> edge = signedAt(portal, "/s2s/echo", BODY, now - 290);

        assertUnauthenticatedAndNothingStored(client.post("/s2s/echo", BODY, stale), stale);
        assertUnauthenticatedAndNothingStored(client.post("/s2s/echo", BODY, future), future);
        assertThat(client.post("/s2s/echo", BODY, edge).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRejectUnknownKeysMissingHeadersAndMalformedValues() {
        HmacSigner stranger = new HmacSigner("mpk_unknown_000000", "whatever-secret", Clock.systemUTC());
        Map<String, String> unknown = signed(stranger, "/s2s/echo", BODY);
        Map<String, String> noNonce = signed(portal, "/s2s/echo", BODY);
        noNonce.remove(HmacHeaders.NONCE);
        Map<String, String> shortNonce = signed(portal, "/s2s/echo", BODY);
        shortNonce.put(HmacHeaders.NONCE, "abc");
        Map<String, String> textTimestamp = signed(portal, "/s2s/echo", BODY);
        textTimestamp.put(HmacHeaders.TIMESTAMP, "yesterday");

        for (Map<String, String> headers : java.util.List.of(unknown, noNonce, shortNonce, textTimestamp)) {
            assertUnauthenticatedAndNothingStored(client.post("/s2s/echo", BODY, headers), headers);
        }
        assertThat(client.post("/s2s/echo", BODY, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAcceptEveryActiveSecretOfAKeyDuringRotation() {
        for (String secret : ContractsTestApplication.MERCHANT_SECRETS) {
            HmacSigner merchant = new HmacSigner(ContractsTestApplication.MERCHANT_KEY_ID, secret, Clock.systemUTC());
            HttpResponse<String> response = client.post("/s2s/echo", BODY, signed(merchant, "/s2s/echo", BODY));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"caller\":\"merchant:m_1\"").contains("\"merchant\":\"m_1\"");
        }
    }

    @Test
    void shouldHonourOnBehalfOfOnlyFromPlatformKeys() {
        Map<String, String> fromPlatform = signed(portal, "/s2s/echo", BODY);
        fromPlatform.put(HmacHeaders.ON_BEHALF_OF, "m_42");
        HmacSigner merchant = new HmacSigner(ContractsTestApplication.MERCHANT_KEY_ID,
                ContractsTestApplication.MERCHANT_SECRETS.getFirst(), Clock.systemUTC());
        Map<String, String> fromMerchant = signed(merchant, "/s2s/echo", BODY);
        fromMerchant.put(HmacHeaders.ON_BEHALF_OF, "m_42");

        assertThat(client.post("/s2s/echo", BODY, fromPlatform).body()).contains("\"merchant\":\"m_42\"");
        assertUnauthenticatedAndNothingStored(client.post("/s2s/echo", BODY, fromMerchant), fromMerchant);
    }

    @Test
    void shouldAllowListServicesPerRoute() {
        HmacSigner pgw = new HmacSigner(TestPlatformKeys.keyId("mpac-pgw"), TestPlatformKeys.secret("mpac-pgw"),
                Clock.systemUTC());

        HttpResponse<String> forbidden = client.post("/s2s/portal-only", "{}", signed(pgw, "/s2s/portal-only", "{}"));
        HttpResponse<String> allowed = client.post("/s2s/portal-only", "{}", signed(portal, "/s2s/portal-only", "{}"));

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"code\":\"forbidden\"");
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDenyRoutesNoChainClaims() {
        HttpResponse<String> response = client.post("/unclaimed", "{}", signed(portal, "/unclaimed", "{}"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
    }

    private void assertUnauthenticatedAndNothingStored(HttpResponse<String> response, Map<String, String> headers) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://docs.mpac.dev/problems/unauthenticated\"")
                .contains("\"code\":\"unauthenticated\"");
        assertThat(nonceRows(headers)).isZero();
    }

    private int nonceRows(Map<String, String> headers) {
        String nonce = headers.getOrDefault(HmacHeaders.NONCE, "none");
        return jdbc.sql("SELECT count(*) FROM s2s_nonce WHERE nonce = :nonce").param("nonce", nonce)
                .query(Integer.class).single();
    }

    private static Map<String, String> signed(HmacSigner signer, String pathAndQuery, String body) {
        return signedAt(signer, pathAndQuery, body, Instant.now().getEpochSecond());
    }

    private static Map<String, String> signedAt(HmacSigner signer, String pathAndQuery, String body, long timestamp) {
        return new HashMap<>(signer.headers("POST", URI.create("http://x" + pathAndQuery),
                body.getBytes(StandardCharsets.UTF_8), timestamp, UUID.randomUUID().toString()));
    }
}
