package com.mpac.portal.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mpac.contracts.jwt.TokenKind;

/**
 * Issues human access tokens as PLATFORM.md describes them: RFC 9068 claims, roles, tenant scope and {@code amr},
 * and for impersonation RFC 8693 {@code act}. The only place their claims are put together.
 */
@Component
public class HumanTokens {

    public static final String CLIENT_ID = "mpac-portal";

    private final TokenSigner signer;
    private final Clock clock;
    private final String issuer;
    private final List<String> audience;
    private final Duration lifetime;

    HumanTokens(TokenSigner signer, Clock clock, @Value("${mpac.jwt.human.issuer:urn:mpac:portal:human}") String issuer,
            @Value("${mpac.portal.tokens.human-audience}") List<String> audience,
            @Value("${mpac.portal.tokens.human-lifetime}") Duration lifetime) {
        this.signer = signer;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
        this.lifetime = lifetime;
    }

    /** Who a token is for: a user, their roles and the node of the tenant tree they work at (ids may be null). */
    public record Holder(String userId, List<String> roles, String pspId, String merchantId, String storeId) {
    }

    /** A signed token and when it expires. */
    public record IssuedToken(String value, Instant expiresAt, String tokenId) {
    }

    /** A token for the holder; {@code amr} per RFC 8176 ({@code pwd}, {@code otp}, {@code mfa}, ...). */
    public IssuedToken issue(Holder holder, List<String> amr) {
        return issue(holder, amr, null, lifetime);
    }

    /**
     * An impersonation token: the holder's identity, with the admin who acts as them in {@code act}; never longer
     * than a normal token.
     */
    public IssuedToken impersonate(Holder holder, String actorUserId, Duration requested) {
        Duration ttl = requested.compareTo(lifetime) < 0 ? requested : lifetime;
        return issue(holder, List.of("pwd"), actorUserId, ttl);
    }

    private IssuedToken issue(Holder holder, List<String> amr, String actorUserId, Duration ttl) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(holder.userId())
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(tokenId)
                .claim("client_id", CLIENT_ID)
                .claim("roles", new ArrayList<>(holder.roles()))
                .claim("amr", new ArrayList<>(amr));
        if (holder.pspId() != null) {
            claims.claim("psp_id", holder.pspId());
        }
        if (holder.merchantId() != null) {
            claims.claim("merchant_id", holder.merchantId());
        }
        if (holder.storeId() != null) {
            claims.claim("store_id", holder.storeId());
        }
        if (actorUserId != null) {
            claims.claim("act", Map.of("sub", actorUserId));
        }
        return new IssuedToken(signer.sign(TokenKind.HUMAN, claims.build()), expiresAt, tokenId);
    }
}
