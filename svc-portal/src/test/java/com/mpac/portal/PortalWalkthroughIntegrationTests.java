package com.mpac.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;

import com.mpac.portal.auth.AuthTestClient;
import com.mpac.portal.auth.AuthTestSupport;
import com.mpac.portal.mfa.Rfc6238;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.json.JsonMapper;

/**
 * The "done when", through the REST API alone, step by step as the README's API walkthrough shows it: a
 * platform admin builds the tree and a merchant admin; that admin enrols MFA and logs in with it, issues an
 * activation code; a terminal activates, gets a device token that verifies against the device JWKS and not against
 * the human one, and the merchant's configuration push carries the activated terminal.
 */
class PortalWalkthroughIntegrationTests extends AuthTestSupport {

    @Test
    void shouldTakeAnEmptyTenantTreeToATerminalWithADeviceToken() throws Exception {
        AuthTestClient http = client();
        // 1. The first platform admin (the launcher's MPAC_ADMIN_EMAIL) logs in.
        TestUser root = platformAdmin();
        String admin = bearer(login(http, root).field("accessToken"));

        // 2. PSP, merchant, store, terminal and the merchant's admin.
        String psp = created(http.post("/api/v1/psps", "{\"name\":\"Moldova Payments\"}", admin));
        String merchant = created(http.post("/api/v1/merchants", """
                {"pspId":"%s","name":"Cafe Chisinau","contactPhone":"+37360000000","enabledProviders":["MIA_POS"],
                 "miaIdno":"1003600000%s"}""".formatted(psp, unique().substring(0, 3)), admin));
        String store = created(http.post("/api/v1/stores", """
                {"merchantId":"%s","name":"Centre","timezone":"Europe/Chisinau",
                 "address":{"line1":"Str. Stefan cel Mare 1","city":"Chisinau","postalCode":"MD-2001","country":"MD"}}
                """.formatted(merchant), admin));
        String terminal = created(http.post("/api/v1/terminals",
                "{\"storeId\":\"%s\",\"name\":\"Till 1\"}".formatted(store), admin));
        String ownerEmail = "owner-" + unique() + "@cafe.example";
        String ownerPassword = "a long passphrase 42";
        created(http.post("/api/v1/users", """
                {"email":"%s","password":"%s","roles":["MERCHANT_ADMIN"],"merchantId":"%s"}
                """.formatted(ownerEmail, ownerPassword, merchant), admin));

        // 3. The merchant admin logs in and enrols MFA, confirming with a first code.
        String owner = bearer(http.post("/api/v1/auth/user/login", loginJson(ownerEmail, ownerPassword))
                .field("accessToken"));
        AuthTestClient.Response enrolment = http.post("/api/v1/auth/user/mfa/enrol", "{}", owner);
        assertThat(enrolment.field("otpauthUri")).startsWith("otpauth://totp/");
        assertThat(Base64.getDecoder().decode(enrolment.field("qrPng"))).startsWith(0x89, 'P', 'N', 'G');
        byte[] key = Rfc6238.base32(enrolment.field("secret"));
        long now = clock.instant().getEpochSecond();
        AuthTestClient.Response confirmed = http.post("/api/v1/auth/user/mfa/enrol/confirm",
                "{\"code\":\"" + Rfc6238.totp(key, now, 6) + "\"}", owner);
        assertThat(confirmed.json().get("recoveryCodes").size()).isEqualTo(10);

        // 4. Its login now asks for a second factor; the next step's code answers it.
        AuthTestClient.Response challenge = http.post("/api/v1/auth/user/login", loginJson(ownerEmail, ownerPassword));
        assertThat(challenge.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(challenge.json().has("accessToken")).isFalse();
        AuthTestClient.Response verified = http.post("/api/v1/auth/user/mfa/verify", """
                {"mfaToken":"%s","code":"%s"}""".formatted(challenge.field("mfaToken"), Rfc6238.totp(key, now + 30, 6)));
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        owner = bearer(verified.field("accessToken"));

        // 5. The merchant admin issues an activation code for the terminal.
        AuthTestClient.Response code = http.post("/api/v1/device/provision/generateActivationCode",
                "{\"terminalId\":\"%s\"}".formatted(terminal), owner);
        assertThat(code.status()).as(code.text()).isEqualTo(201);
        assertThat(code.field("activationCode")).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
        assertThat(http.get("/api/v1/device/provision/activationStatus?terminalId=" + terminal, owner)
                .field("status")).isEqualTo("PENDING");

        // 6. The terminal activates and receives its client credentials, once.
        long versionBeforeActivation = pushedVersion(merchant);
        AuthTestClient.Response activation = http.post("/api/v1/device/provision/activate", """
                {"activationCode":"%s","serialNumber":"SN-%s","model":"PAX A920","appVersion":"1.0.0"}
                """.formatted(code.field("activationCode"), unique()));
        assertThat(activation.status()).as(activation.text()).isEqualTo(200);
        assertThat(activation.field("terminalId")).isEqualTo(terminal);
        assertThat(http.get("/api/v1/device/provision/activationStatus?terminalId=" + terminal, owner)
                .field("status")).isEqualTo("ACTIVATED");

        // 7. A device token from the OAuth2 token endpoint.
        String deviceToken = deviceToken(activation.field("clientId"), activation.field("clientSecret"));

        // 8. It verifies against the device key set, not the human one.
        JWTClaimsSet claims = processor("/api/v1/jwks/device").process(deviceToken, null);
        assertThat(claims.getSubject()).isEqualTo(terminal);
        assertThat(claims.getIssuer()).isEqualTo("urn:mpac:portal:device");
        assertThat(claims.getStringClaim("merchant_id")).isEqualTo(merchant);
        assertThat(claims.getStringClaim("store_id")).isEqualTo(store);
        assertThat(claims.getStringClaim("psp_id")).isEqualTo(psp);
        assertThatThrownBy(() -> processor("/api/v1/jwks/human").process(deviceToken, null))
                .isInstanceOf(BadJOSEException.class);

        // The activation changed the merchant's configuration, so a newer version is queued for the push.
        assertThat(pushedVersion(merchant)).isEqualTo(versionBeforeActivation + 1);
    }

    @Test
    void shouldDocumentEveryStepInTheOpenApiDocument() {
        String openApi = client().get("/v3/api-docs", null).text();

        assertThat(openApi).contains("\"/api/v1/auth/user/login\"", "\"/api/v1/psps\"", "\"/api/v1/merchants\"",
                "\"/api/v1/stores\"", "\"/api/v1/terminals\"", "\"/api/v1/users\"", "\"/api/v1/auth/user/mfa/enrol\"",
                "\"/api/v1/auth/user/mfa/enrol/confirm\"", "\"/api/v1/auth/user/mfa/verify\"",
                "\"/api/v1/device/provision/generateActivationCode\"", "\"/api/v1/device/provision/activationStatus\"",
                "\"/api/v1/device/provision/activate\"", "\"/api/v1/auth/device/token\"", "\"/api/v1/jwks/device\"",
                "\"/api/v1/jwks/human\"", "\"/api/v1/auth/admin/impersonate\"");
    }

    private long pushedVersion(String merchantId) {
        return jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id").param("id", merchantId)
                .query(Long.class).single();
    }

    private String deviceToken(String clientId, String clientSecret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = TestHttp.localhost(port).postForm("/api/v1/auth/device/token",
                Map.of("grant_type", "client_credentials"), Map.of("Authorization", "Basic " + basic));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body()).get("access_token").asString();
    }

    private DefaultJWTProcessor<SecurityContext> processor(String jwksPath) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(URI.create("http://localhost:" + port + jwksPath).toURL()).build()));
        return processor;
    }

    private static String created(AuthTestClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.field("id");
    }
}
