package com.mpac.portal.device;

import static com.mpac.portal.provisioning.ProvisioningFixtures.clientCredentials;
import static com.mpac.portal.provisioning.ProvisioningFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.JsonNode;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.contracts.jwt.TokenKind;
import com.mpac.portal.provisioning.ProvisioningFixtures;
import com.mpac.portal.provisioning.ProvisioningFixtures.Credentials;
import com.mpac.portal.provisioning.ProvisioningFixtures.Place;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.SigningKeys;

/**
 * The device token endpoint (Spring Authorization Server, client_credentials) end to end: a terminal activated over
 * HTTP asks for a token and the token is checked with Nimbus against the published JWK Sets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeviceTokenIntegrationTests {

    static final String TOKEN = "/api/v1/auth/device/token";
    static final String[] AUDIENCE = { "svc-portal", "svc-smarttab", "mpac-pgw", "mia-pos-gateway",
            "mobilepay-adapter", "mq-pay", "payment-request" };

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    SigningKeys keys;

    @Autowired
    ApplicationContext context;

    ProvisioningFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProvisioningFixtures(jdbc, humanTokens, port);
        fixtures.resetActivationThrottle();
    }

    @Test
    void shouldIssueADeviceTokenThatVerifiesAgainstTheDeviceJwksAndNotTheHumanOne() throws Exception {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        assertThat(credentials.tokenEndpoint()).endsWith(TOKEN);

        HttpResponse<String> response = fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode body = json(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("scope").asString()).isEqualTo("pos");
        assertThat(body.get("expires_in").asLong()).isBetween(890L, 900L);
        assertThat(body.has("refresh_token")).isFalse();
        String token = body.get("access_token").asString();

        JWTClaimsSet claims = processor("/api/v1/jwks/device").process(token, null);
        assertThat(claims.getIssuer()).isEqualTo("urn:mpac:portal:device");
        assertThat(claims.getSubject()).isEqualTo(place.terminalId());
        assertThat(claims.getAudience()).containsExactlyInAnyOrder(AUDIENCE);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(credentials.clientId());
        assertThat(claims.getStringClaim("psp_id")).isEqualTo(place.pspId());
        assertThat(claims.getStringClaim("merchant_id")).isEqualTo(place.merchantId());
        assertThat(claims.getStringClaim("store_id")).isEqualTo(place.storeId());
        assertThat(claims.getStringClaim("scope")).isEqualTo("pos");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaim("roles")).isNull();
        assertThat(claims.getExpirationTime().toInstant())
                .isEqualTo(claims.getIssueTime().toInstant().plusSeconds(900))
                .isAfter(Instant.now().plusSeconds(800));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.activeKey(TokenKind.DEVICE).getKeyID());

        assertThatThrownBy(() -> processor("/api/v1/jwks/human").process(token, null))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void shouldAcceptClientSecretPost() throws Exception {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);

        HttpResponse<String> response = fixtures.tokenWithPost(credentials.clientId(), credentials.clientSecret());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JWTClaimsSet claims = processor("/api/v1/jwks/device").process(json(response).get("access_token").asString(),
                null);
        assertThat(claims.getSubject()).isEqualTo(place.terminalId());
        assertThat(claims.getStringClaim("client_id")).isEqualTo(credentials.clientId());
    }

    @Test
    void shouldRecordTheIssuedTokenByItsHashOnly() {
        Credentials credentials = fixtures.activatedTerminal(fixtures.newTerminal());

        String token = json(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials())).get("access_token").asString();

        Map<String, Object> row = jdbc.sql("""
                SELECT access_token_value, principal_name, authorization_grant_type FROM oauth2_authorization
                WHERE registered_client_id = :id
                """).param("id", credentials.terminalId()).query().singleRow();
        assertThat(row.get("access_token_value"))
                .isEqualTo("sha256:" + Sha256.hex(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(row.get("principal_name")).isEqualTo(credentials.clientId());
        assertThat(row.get("authorization_grant_type")).isEqualTo("client_credentials");
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE access_token_metadata LIKE :t"
                + " OR access_token_value LIKE :t OR attributes LIKE :t")
                .param("t", "%" + token.substring(token.lastIndexOf('.') + 1) + "%").query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldAnswerInvalidClientForWrongUnknownOrMissingCredentials() {
        Credentials credentials = fixtures.activatedTerminal(fixtures.newTerminal());

        assertInvalidClient(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret() + "x",
                clientCredentials()));
        assertInvalidClient(fixtures.tokenWithPost(credentials.clientId(), "tcs_wrong"));
        assertInvalidClient(fixtures.tokenWithBasic("tc_unknown", credentials.clientSecret(), clientCredentials()));
        assertInvalidClient(fixtures.postForm(TOKEN, clientCredentials(), Map.of()));
        assertInvalidClient(fixtures.postForm(TOKEN, Map.of("grant_type", "client_credentials", "client_id",
                credentials.clientId()), Map.of()));
    }

    @Test
    void shouldRefuseGrantTypesOtherThanClientCredentialsAndOtherScopes() {
        Credentials credentials = fixtures.activatedTerminal(fixtures.newTerminal());

        for (String grant : new String[] { "authorization_code", "refresh_token", "password",
                "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange",
                "urn:ietf:params:oauth:grant-type:jwt-bearer" }) {
            HttpResponse<String> response = fixtures.tokenWithBasic(credentials.clientId(),
                    credentials.clientSecret(), Map.of("grant_type", grant, "code", "x", "refresh_token", "x",
                            "username", "u", "password", "p", "device_code", "x"));
            assertThat(response.statusCode()).as(grant).isEqualTo(400);
            // An authorization code is looked up during client authentication already (PKCE check), so that grant
            // fails as invalid_grant before the token endpoint refuses its type.
            assertThat(json(response).get("error").asString()).as(grant)
                    .isEqualTo(grant.equals("authorization_code") ? "invalid_grant" : "unsupported_grant_type");
            assertThat(response.body()).as(grant).doesNotContain("access_token");
        }
        HttpResponse<String> noGrant = fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                Map.of());
        assertThat(noGrant.statusCode()).isEqualTo(400);
        assertThat(json(noGrant).get("error").asString()).isEqualTo("invalid_request");
        HttpResponse<String> otherScope = fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                Map.of("grant_type", "client_credentials", "scope", "pos admin"));
        assertThat(otherScope.statusCode()).isEqualTo(400);
        assertThat(json(otherScope).get("error").asString()).isEqualTo("invalid_scope");
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE registered_client_id = :id")
                .param("id", credentials.terminalId()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldAnswerInvalidClientOnceTheTerminalIsDeactivatedAndKeepOldTokensOnlyUntilTheyExpire() throws Exception {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        String before = json(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials())).get("access_token").asString();

        HttpResponse<String> deactivated = fixtures.postJson("/api/v1/terminals/" + place.terminalId()
                + "/deactivate", "", Map.of("Authorization", fixtures.merchantAdmin(place)));
        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);

        assertInvalidClient(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials()));
        assertInvalidClient(fixtures.tokenWithPost(credentials.clientId(), credentials.clientSecret()));
        // Self-contained: a token issued before still verifies, for at most its 15-minute lifetime.
        JWTClaimsSet old = processor("/api/v1/jwks/device").process(before, null);
        assertThat(old.getExpirationTime().toInstant()).isBefore(Instant.now().plusSeconds(901));
    }

    @Test
    void shouldRefuseATerminalWhoseMerchantIsNotActiveEvenWithItsCredentialsIntact() {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        jdbc.sql("UPDATE merchant SET status = 'SUSPENDED' WHERE merchant_id = :id").param("id", place.merchantId())
                .update();

        assertInvalidClient(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials()));

        jdbc.sql("UPDATE merchant SET status = 'ACTIVE' WHERE merchant_id = :id").param("id", place.merchantId())
                .update();
        assertThat(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(), clientCredentials())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStopTheOldSecretAndAcceptTheNewOneAfterRotation() throws Exception {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);

        HttpResponse<String> rotated = fixtures.postJson("/api/v1/terminals/" + place.terminalId()
                + "/credentials/rotate", "", Map.of("Authorization", fixtures.merchantAdmin(place)));

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode body = json(rotated);
        assertThat(body.get("clientId").asString()).isEqualTo(credentials.clientId());
        String newSecret = body.get("clientSecret").asString();
        assertThat(newSecret).startsWith("tcs_").isNotEqualTo(credentials.clientSecret());
        assertInvalidClient(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials()));
        HttpResponse<String> withNew = fixtures.tokenWithBasic(credentials.clientId(), newSecret,
                clientCredentials());
        assertThat(withNew.statusCode()).isEqualTo(200);
        assertThat(processor("/api/v1/jwks/device").process(json(withNew).get("access_token").asString(), null)
                .getSubject()).isEqualTo(place.terminalId());
    }

    @Test
    void shouldReplaceTheCredentialsWhenTheTerminalIsActivatedAgain() {
        Place place = fixtures.newTerminal();
        Credentials first = fixtures.activatedTerminal(place);
        jdbc.sql("UPDATE terminal SET serial_number = NULL WHERE terminal_id = :id").param("id", place.terminalId())
                .update();

        Credentials second = fixtures.activatedTerminal(place);

        assertThat(second.clientId()).isNotEqualTo(first.clientId());
        assertInvalidClient(fixtures.tokenWithBasic(first.clientId(), first.clientSecret(), clientCredentials()));
        assertThat(fixtures.tokenWithBasic(second.clientId(), second.clientSecret(), clientCredentials())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeNoOtherAuthorizationServerEndpoint() {
        Credentials credentials = fixtures.activatedTerminal(fixtures.newTerminal());
        Map<String, String> basic = Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8)));

        for (String path : new String[] { "/oauth2/authorize?response_type=code&client_id=" + credentials.clientId(),
                "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "/oauth2/jwks",
                "/userinfo", "/connect/register", "/oauth2/device_verification", TOKEN }) {
            HttpResponse<String> response = fixtures.get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("issuer").doesNotContain("\"keys\"");
        }
        for (String path : new String[] { "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke",
                "/oauth2/device_authorization", "/oauth2/par", "/connect/register" }) {
            HttpResponse<String> response = fixtures.postForm(path, Map.of("grant_type", "client_credentials",
                    "token", "x", "token_type_hint", "access_token"), basic);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("access_token").doesNotContain("active");
        }
    }

    @Test
    void shouldLeaveBootsDefaultAuthorizationServerChainOff() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsKey("deviceTokenSecurityFilterChain")
                .doesNotContainKey("authorizationServerSecurityFilterChain");
        assertThat(context.getBeansOfType(AuthorizationServerSettings.class)).containsOnlyKeys(
                "deviceAuthorizationServerSettings");
    }

    @Test
    void shouldDescribeTheTokenEndpointInTheOpenApiDocument() {
        JsonNode paths = json(fixtures.get("/v3/api-docs", Map.of())).get("paths");

        JsonNode token = paths.get(TOKEN).get("post");
        assertThat(token.get("summary").asString()).contains("client_credentials");
        assertThat(token.get("requestBody").get("content").has("application/x-www-form-urlencoded")).isTrue();
        assertThat(paths.has("/api/v1/device/provision/generateActivationCode")).isTrue();
        assertThat(paths.has("/api/v1/device/provision/activate")).isTrue();
        assertThat(paths.has("/api/v1/device/provision/activationStatus")).isTrue();
        assertThat(paths.has("/api/v1/terminals/{terminalId}/credentials/rotate")).isTrue();
        assertThat(paths.has("/api/v1/admin/signing-keys/{kind}/rotate")).isTrue();
    }

    @Test
    void shouldNotLetADeviceTokenAdministerTerminals() {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        String token = json(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials())).get("access_token").asString();

        HttpResponse<String> response = fixtures.postJson("/api/v1/device/provision/generateActivationCode",
                "{\"terminalId\":\"" + place.terminalId() + "\"}", Map.of("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private DefaultJWTProcessor<SecurityContext> processor(String path) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(URI.create("http://localhost:" + port + path).toURL()).build()));
        return processor;
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }
}
