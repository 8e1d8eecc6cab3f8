package com.mpac.contracts.jwt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static com.mpac.contracts.jwt.PortalTokens.AT_JWT;
import static com.mpac.contracts.jwt.PortalTokens.DEVICE_ISSUER;
import static com.mpac.contracts.jwt.PortalTokens.device;
import static com.mpac.contracts.jwt.PortalTokens.human;
import static com.mpac.contracts.jwt.PortalTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JwtCallerTokenAuthenticationTests {

    private static final RSAKey HUMAN_KEY = PortalTokens.rsaKey("human-1");
    private static final ECKey DEVICE_KEY = PortalTokens.ecKey("device-1");

    private static PortalJwksStub portal;

    private CallerTokenAuthenticationManagerResolver resolver;

    @BeforeAll
    static void startPortal() throws Exception {
        portal = new PortalJwksStub();
    }

    @AfterAll
    static void stopPortal() {
        portal.close();
    }

    @BeforeEach
    void publishKeys() {
        portal.reset();
        portal.publish(TokenKind.HUMAN, HUMAN_KEY).publish(TokenKind.DEVICE, DEVICE_KEY);
        resolver = resolver(jwks(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(15)));
    }

    @Test
    void shouldAuthenticateHumanTokenWithRolesAndTenantScope() {
        Authentication authentication = authenticate(sign(HUMAN_KEY, human()));

        assertThat(authentication).isInstanceOf(JwtAuthenticationToken.class);
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getName()).isEqualTo("usr_42");
        assertThat(authorities(authentication)).containsExactlyInAnyOrder("TOKEN_HUMAN", "ROLE_STORE_MANAGER",
                "ROLE_CASHIER", FactorGrantedAuthority.BEARER_AUTHORITY);
        CallerToken caller = (CallerToken) authentication.getPrincipal();
        assertThat(caller.kind()).isEqualTo(TokenKind.HUMAN);
        assertThat(caller.subject()).isEqualTo("usr_42");
        assertThat(caller.clientId()).isEqualTo("portal-web");
        assertThat(caller.pspId()).isEqualTo("psp_1");
        assertThat(caller.merchantId()).isEqualTo("m_1");
        assertThat(caller.storeId()).isEqualTo("s_1");
        assertThat(caller.roles()).containsExactlyInAnyOrder("STORE_MANAGER", "CASHIER");
        assertThat(caller.scopes()).isEmpty();
        assertThat(caller.actorSubject()).isNull();
        assertThat(caller.isImpersonation()).isFalse();
        assertThat(caller.tokenId()).isNotBlank();
    }

    @Test
    void shouldAuthenticateDeviceTokenSignedWithEcKeyAsDevice() {
        Authentication authentication = authenticate(sign(DEVICE_KEY, device()));

        assertThat(authorities(authentication)).containsExactlyInAnyOrder("TOKEN_DEVICE", "SCOPE_orders:write",
                "SCOPE_bills:read", FactorGrantedAuthority.BEARER_AUTHORITY);
        CallerToken caller = (CallerToken) authentication.getPrincipal();
        assertThat(caller.kind()).isEqualTo(TokenKind.DEVICE);
        assertThat(caller.subject()).isEqualTo("trm_7");
        assertThat(caller.storeId()).isEqualTo("s_1");
        assertThat(caller.roles()).isEmpty();
        assertThat(caller.scopes()).containsExactlyInAnyOrder("orders:write", "bills:read");
        assertThat(caller.hasScope("orders:write")).isTrue();
    }

    @Test
    void shouldAcceptRs256AndEs256ForEitherKind() {
        ECKey humanEcKey = PortalTokens.ecKey("human-ec");
        RSAKey deviceRsaKey = PortalTokens.rsaKey("device-rsa");
        portal.publish(TokenKind.HUMAN, HUMAN_KEY, humanEcKey).publish(TokenKind.DEVICE, DEVICE_KEY, deviceRsaKey);

        assertThat(caller(sign(humanEcKey, human())).kind()).isEqualTo(TokenKind.HUMAN);
        assertThat(caller(sign(deviceRsaKey, device())).kind()).isEqualTo(TokenKind.DEVICE);
    }

    @Test
    void shouldNameTheImpersonatingAdminAsActor() {
        CallerToken caller = caller(sign(HUMAN_KEY, human().claim("act", Map.of("sub", "adm_1"))));

        assertThat(caller.subject()).isEqualTo("usr_42");
        assertThat(caller.actorSubject()).isEqualTo("adm_1");
        assertThat(caller.isImpersonation()).isTrue();
    }

    @Test
    void shouldRejectHumanKeySignedTokenClaimingTheDeviceIssuer() {
        String forged = sign(HUMAN_KEY, human().issuer(DEVICE_ISSUER));

        assertRejected(forged, "no matching key");
        assertThat(portal.hits(TokenKind.HUMAN)).isZero();
    }

    @Test
    void shouldRejectTokenOfAnUnknownIssuerWithoutFetchingAnyKeys() {
        assertRejected(sign(HUMAN_KEY, human().issuer("https://evil.example")), "Invalid issuer");
        assertRejected(sign(HUMAN_KEY, human().issuer(null)), "Missing issuer");

        assertThat(portal.hits(TokenKind.HUMAN) + portal.hits(TokenKind.DEVICE)).isZero();
    }

    @Test
    void shouldRejectTokenForAnotherAudience() {
        assertRejected(sign(HUMAN_KEY, human().audience("svc-portal")), "aud");
    }

    @Test
    void shouldRejectTokenExpiredBeyondTheClockSkew() {
        Instant now = Instant.now();
        String expired = sign(HUMAN_KEY, human().issueTime(Date.from(now.minusSeconds(900)))
                .expirationTime(Date.from(now.minusSeconds(31))));

        assertRejected(expired, "Jwt expired");
    }

    @Test
    void shouldAcceptTokenExpiredWithinTheClockSkew() {
        Instant now = Instant.now();
        String justExpired = sign(HUMAN_KEY, human().issueTime(Date.from(now.minusSeconds(900)))
                .expirationTime(Date.from(now.minusSeconds(20))));

        assertThat(caller(justExpired).subject()).isEqualTo("usr_42");
    }

    @Test
    void shouldRejectTokenNotYetValidBeyondTheClockSkew() {
        String early = sign(HUMAN_KEY, human().notBeforeTime(Date.from(Instant.now().plusSeconds(60))));

        assertRejected(early, "Jwt used before");
    }

    @Test
    void shouldRejectTokenWithoutType() {
        assertRejected(sign(HUMAN_KEY, null, human()), "typ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "JWT", "jwt", "dpop+jwt", "id_token+jwt" })
    void shouldRejectTokenOfAnotherType(String type) {
        assertRejected(sign(HUMAN_KEY, new JOSEObjectType(type), human()), "typ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "sub", "iat", "exp", "jti", "client_id" })
    void shouldRejectTokenMissingARequiredClaim(String claim) {
        assertRejected(sign(HUMAN_KEY, human().claim(claim, null)), claim);
    }

    @Test
    void shouldRejectUnsignedToken() {
        String unsigned = new PlainJWT(new PlainHeader.Builder().type(AT_JWT).build(), human().build()).serialize();

        assertRejected(unsigned, "Unsupported algorithm of none");
    }

    @Test
    void shouldRejectTokenSignedWithASharedSecret() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AT_JWT).keyID("human-1").build(),
                human().build());
        hmac.sign(new MACSigner(secret));

        assertRejected(hmac.serialize(), "Another algorithm expected");
    }

    @Test
    void shouldRejectTamperedPayload() {
        String[] parts = sign(HUMAN_KEY, human()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = payload.replace("STORE_MANAGER", "PLATFORM_ADMIN");
        assertThat(elevated).isNotEqualTo(payload);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertRejected(tampered, "Invalid signature");
    }

    @Test
    void shouldNotFetchKeysBeforeTheFirstToken() {
        assertThat(portal.hits(TokenKind.HUMAN)).isZero();
        assertThat(portal.hits(TokenKind.DEVICE)).isZero();

        authenticate(sign(HUMAN_KEY, human()));
        authenticate(sign(HUMAN_KEY, human()));

        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(1);
        assertThat(portal.hits(TokenKind.DEVICE)).isZero();
    }

    @Test
    void shouldAcceptTokenSignedWithRotatedKeyAfterRefetchingOnUnknownKid() {
        authenticate(sign(HUMAN_KEY, human()));
        RSAKey rotated = PortalTokens.rsaKey("human-2");
        portal.publish(TokenKind.HUMAN, rotated, HUMAN_KEY);

        CallerToken caller = caller(sign(rotated, human()));

        assertThat(caller.subject()).isEqualTo("usr_42");
        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(2);
    }

    @Test
    void shouldNotRefetchForRepeatedUnknownKidsWithinTheCoolDown() {
        authenticate(sign(HUMAN_KEY, human()));
        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(1);

        for (int i = 0; i < 20; i++) {
            assertRejected(sign(PortalTokens.rsaKey("invented-" + i), human()), "no matching key");
        }

        // Nimbus allows one refresh besides the fetch that opened the cool-down window; the other 19 cost nothing.
        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(2);
        assertThat(caller(sign(HUMAN_KEY, human())).subject()).isEqualTo("usr_42");
        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(2);
    }

    @Test
    void shouldRefetchOnUnknownKidAgainOnceTheCoolDownHasPassed() {
        // Keys are generated first: RSA generation is slow enough to eat into a short cool-down.
        String invented1 = sign(PortalTokens.rsaKey("invented-1"), human());
        String invented2 = sign(PortalTokens.rsaKey("invented-2"), human());
        RSAKey rotated = PortalTokens.rsaKey("human-2");
        Duration coolDown = Duration.ofSeconds(1);
        resolver = resolver(jwks(Duration.ofMinutes(5), coolDown, Duration.ofMinutes(15)));

        authenticate(sign(HUMAN_KEY, human()));
        assertRejected(invented1, "no matching key");
        assertRejected(invented2, "no matching key");
        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(2);
        portal.publish(TokenKind.HUMAN, rotated);
        String signedWithRotated = sign(rotated, human());

        await().pollDelay(coolDown).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(caller(signedWithRotated).subject()).isEqualTo("usr_42"));

        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(3);
    }

    @Test
    void shouldKeepUsingTheLastKeysWhileThePortalIsDown() {
        resolver = resolver(jwks(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMinutes(15)));
        authenticate(sign(HUMAN_KEY, human()));
        portal.answerWith(503);

        // Past the cache lifetime the key set is fetched again, fails, and the last good one is still used.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(caller(sign(HUMAN_KEY, human())).subject()).isEqualTo("usr_42");
            assertThat(portal.hits(TokenKind.HUMAN)).isGreaterThan(1);
        });
    }

    @Test
    void shouldReportAServiceFailureNotABadTokenWhenKeysCannotBeFetched() {
        portal.answerWith(503);

        // Not an InvalidBearerTokenException: the token may be fine, the service cannot check it (5xx, not 401).
        assertThatThrownBy(() -> authenticate(sign(HUMAN_KEY, human())))
                .isExactlyInstanceOf(AuthenticationServiceException.class);
        assertThat(portal.hits(TokenKind.HUMAN)).isEqualTo(1);
    }

    @Test
    void shouldBeCreatedWhileThePortalIsUnreachable() {
        TrustedIssuer nowhere = new TrustedIssuer(TokenKind.HUMAN, PortalTokens.HUMAN_ISSUER,
                URI.create("http://127.0.0.1:1/api/v1/jwks/human"), PortalTokens.AUDIENCE);

        CallerTokenAuthenticationManagerResolver created = new CallerTokenAuthenticationManagerResolver(
                List.of(nowhere), jwks(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO),
                Duration.ofSeconds(30));

        assertThat(created.trustedIssuers()).containsExactly(nowhere);
    }

    private Authentication authenticate(String token) {
        return resolver.resolve(new MockHttpServletRequest()).authenticate(new BearerTokenAuthenticationToken(token));
    }

    private CallerToken caller(String token) {
        return (CallerToken) authenticate(token).getPrincipal();
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> authenticate(token)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining(reason);
    }

    private static List<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static CallerTokenAuthenticationManagerResolver resolver(JwtProperties.Jwks jwks) {
        return new CallerTokenAuthenticationManagerResolver(List.of(
                new TrustedIssuer(TokenKind.HUMAN, PortalTokens.HUMAN_ISSUER, portal.jwksUri(TokenKind.HUMAN),
                        PortalTokens.AUDIENCE),
                new TrustedIssuer(TokenKind.DEVICE, DEVICE_ISSUER, portal.jwksUri(TokenKind.DEVICE),
                        PortalTokens.AUDIENCE)),
                jwks, Duration.ofSeconds(30));
    }

    private static JwtProperties.Jwks jwks(Duration cacheTtl, Duration coolDown, Duration outageTolerance) {
        return new JwtProperties.Jwks(cacheTtl, coolDown, outageTolerance, Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }
}
