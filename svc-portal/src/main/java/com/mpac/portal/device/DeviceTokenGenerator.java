package com.mpac.portal.device;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import com.mpac.contracts.jwt.TokenKind;
import com.mpac.portal.device.ActiveTerminals.ActiveTerminal;
import com.mpac.portal.signing.TokenSigner;

/**
 * Device access tokens for the authorization server's client_credentials grant: RFC 9068 JWTs signed by
 * {@link TokenSigner} with the active DEVICE key ({@code typ: at+jwt}, {@code kid}), so they verify against
 * {@code /api/v1/jwks/device} only. The only place their claims are put together.
 *
 * <p>Tokens are self-contained and are not revoked: a deactivated terminal gets no new token, and the ones it holds
 * expire within {@link #lifetime} (at most 15 minutes).
 */
@Component
class DeviceTokenGenerator implements OAuth2TokenGenerator<Jwt> {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private final TokenSigner signer;
    private final ActiveTerminals terminals;
    private final Clock clock;
    private final String issuer;
    private final List<String> audience;
    private final Duration lifetime;

    DeviceTokenGenerator(TokenSigner signer, ActiveTerminals terminals, Clock clock,
            @Value("${mpac.jwt.device.issuer:urn:mpac:portal:device}") String issuer,
            @Value("${mpac.portal.tokens.device-audience:${mpac.portal.tokens.human-audience}}") List<String> audience,
            @Value("${mpac.portal.tokens.device-lifetime:15m}") Duration lifetime) {
        Assert.isTrue(lifetime.isPositive() && lifetime.compareTo(MAX_LIFETIME) <= 0,
                "mpac.portal.tokens.device-lifetime must be positive and at most 15 minutes");
        this.signer = signer;
        this.terminals = terminals;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
        this.lifetime = lifetime;
    }

    @Override
    public @Nullable Jwt generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return null;
        }
        // Checked again here, not only at client authentication: the terminal may have been deactivated since.
        ActiveTerminal terminal = terminals.find(context.getRegisteredClient().getId())
                .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String scope = String.join(" ", context.getAuthorizedScopes().isEmpty() ? List.of(DeviceTokens.SCOPE)
                : context.getAuthorizedScopes());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(terminal.terminalId())
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", context.getRegisteredClient().getClientId())
                .claim("psp_id", terminal.pspId())
                .claim("merchant_id", terminal.merchantId())
                .claim("store_id", terminal.storeId())
                .claim("scope", scope)
                .build();
        String value = signer.sign(TokenKind.DEVICE, claims);
        return Jwt.withTokenValue(value)
                .headers(headers -> headers.putAll(headerOf(value)))
                .claims(map -> {
                    map.putAll(claims.getClaims());
                    map.put("aud", new ArrayList<>(audience));
                    map.put("iat", now);
                    map.put("nbf", now);
                    map.put("exp", expiresAt);
                })
                .build();
    }

    private static Map<String, Object> headerOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().toJSONObject();
        }
        catch (ParseException ex) {
            throw new IllegalStateException("A token just signed does not parse", ex);
        }
    }
}
