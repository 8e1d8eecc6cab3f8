package com.mpac.portal.signing;

import static com.mpac.portal.provisioning.ProvisioningFixtures.clientCredentials;
import static com.mpac.portal.provisioning.ProvisioningFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import com.mpac.contracts.jwt.TokenKind;
import com.mpac.portal.provisioning.ProvisioningFixtures;
import com.mpac.portal.provisioning.ProvisioningFixtures.Credentials;

/** Key rotation on an admin's request: tokens issued before still verify, new ones carry the new kid. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SigningKeyAdminIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    SigningKeys keys;

    ProvisioningFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProvisioningFixtures(jdbc, humanTokens, port);
        fixtures.resetActivationThrottle();
    }

    @Test
    void shouldRotateTheDeviceKeyKeepingEarlierDeviceTokensVerifiable() throws Exception {
        Credentials terminal = fixtures.activatedTerminal(fixtures.newTerminal());
        String before = deviceToken(terminal);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        HttpResponse<String> response = rotate("device", fixtures.tokens().platformAdmin("usr_keyadmin"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        String newKid = body.get("kid").asString();
        assertThat(body.get("kind").asString()).isEqualTo("device");
        assertThat(body.get("previousKid").asString()).isEqualTo(oldKid);
        assertThat(newKid).startsWith("device-").isNotEqualTo(oldKid);
        assertThat(keys.activeKey(TokenKind.DEVICE).getKeyID()).isEqualTo(newKid);

        String after = deviceToken(terminal);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        JWKSet published = JWKSet.parse(fixtures.get("/api/v1/jwks/device", Map.of()).body());
        assertThat(published.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(published.getKeyByKeyId(newKid)).isNotNull();
        assertThat(processor("/api/v1/jwks/device").process(before, null).getSubject())
                .isEqualTo(terminal.terminalId());
        assertThat(processor("/api/v1/jwks/device").process(after, null).getSubject())
                .isEqualTo(terminal.terminalId());

        String audit = jdbc.sql("""
                SELECT details::text FROM audit_event WHERE type = 'signing_key.rotated' AND subject_id = :kid
                  AND actor_id = 'usr_keyadmin'
                """).param("kid", newKid).query(String.class).single();
        assertThat(audit).contains(oldKid).contains("DEVICE").doesNotContain("\"d\"");
    }

    @Test
    void shouldRotateTheHumanKeyWithoutTouchingTheDeviceKey() throws Exception {
        String humanBefore = humanTokens.issue(new HumanTokens.Holder("usr_h", List.of("CASHIER"), "psp_x", "mer_x",
                "sto_x"), List.of("pwd")).value();
        String deviceKid = keys.activeKey(TokenKind.DEVICE).getKeyID();

        HttpResponse<String> response = rotate("HUMAN", fixtures.tokens().platformAdmin("usr_keyadmin"));

        assertThat(response.statusCode()).isEqualTo(200);
        String newKid = json(response).get("kid").asString();
        assertThat(newKid).startsWith("human-");
        assertThat(keys.activeKey(TokenKind.DEVICE).getKeyID()).isEqualTo(deviceKid);
        assertThat(processor("/api/v1/jwks/human").process(humanBefore, null).getSubject()).isEqualTo("usr_h");
        String humanAfter = humanTokens.issue(new HumanTokens.Holder("usr_h", List.of("CASHIER"), "psp_x", "mer_x",
                "sto_x"), List.of("pwd")).value();
        assertThat(SignedJWT.parse(humanAfter).getHeader().getKeyID()).isEqualTo(newKid);
    }

    @Test
    void shouldLetOnlyPlatformAdminsRotateAndNotWhileImpersonating() {
        String activeKid = keys.activeKey(TokenKind.DEVICE).getKeyID();
        String impersonation = "Bearer " + humanTokens.impersonate(new HumanTokens.Holder("usr_other_root",
                List.of("PLATFORM_ADMIN"), null, null, null), "usr_keyadmin", Duration.ofMinutes(5)).value();

        assertStatus(fixtures.postJson("/api/v1/admin/signing-keys/device/rotate", "", Map.of()), 401,
                "unauthenticated");
        assertStatus(rotate("device", fixtures.tokens().pspAdmin("usr_p", "psp_x")), 403, "forbidden");
        assertStatus(rotate("device", fixtures.tokens().merchantAdmin("usr_m", "psp_x", "mer_x")), 403, "forbidden");
        assertStatus(rotate("device", impersonation), 403, "forbidden");
        assertStatus(rotate("other", fixtures.tokens().platformAdmin("usr_keyadmin")), 404, "not_found");
        assertStatus(fixtures.get("/api/v1/admin/signing-keys/device/rotate",
                Map.of("Authorization", fixtures.tokens().platformAdmin("usr_keyadmin"))), 403, "forbidden");

        assertThat(keys.activeKey(TokenKind.DEVICE).getKeyID()).isEqualTo(activeKid);
    }

    @Test
    void shouldNotAcceptADeviceTokenForKeyAdministration() {
        Credentials terminal = fixtures.activatedTerminal(fixtures.newTerminal());

        assertStatus(rotate("device", "Bearer " + deviceToken(terminal)), 403, "forbidden");
    }

    private HttpResponse<String> rotate(String kind, String bearer) {
        return fixtures.postJson("/api/v1/admin/signing-keys/" + kind + "/rotate", "",
                Map.of("Authorization", bearer));
    }

    private String deviceToken(Credentials terminal) {
        HttpResponse<String> response = fixtures.tokenWithBasic(terminal.clientId(), terminal.clientSecret(),
                clientCredentials());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asString();
    }

    private DefaultJWTProcessor<SecurityContext> processor(String path) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(URI.create("http://localhost:" + port + path).toURL()).build()));
        return processor;
    }

    private static void assertStatus(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("code").asString()).isEqualTo(code);
    }
}
