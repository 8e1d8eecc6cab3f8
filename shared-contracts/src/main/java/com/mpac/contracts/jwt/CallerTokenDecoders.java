package com.mpac.contracts.jwt;

import java.net.MalformedURLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the {@link JwtDecoder} for one {@link TrustedIssuer}: RS256 or ES256 signatures checked against that kind's
 * key set only, and the RFC 9068 claims checked against that kind's issuer and this service's audience.
 *
 * <p>Why the key source is built here rather than with {@code NimbusJwtDecoder.withJwkSetUri(..)}: in Spring Security
 * 7.1.1 that builder wraps its fetcher in {@code JWKSourceBuilder.create(..).refreshAheadCache(false)
 * .rateLimited(false).cache(cache instanceof NoOpCache).build()} (read from the 7.1.1 jar). So it caches the key set
 * (nimbus default: 5 min) and, through nimbus' {@code JWKSetBasedJWKSource}, re-fetches it whenever a {@code kid} is
 * not found, but with rate limiting switched off and no setting to switch it on: every token with an invented
 * {@code kid} would cost a request to the portal. (With {@code .cache(springCache)} nimbus' cache is off instead, and
 * Spring's {@code SpringJWKSource} evicts the Spring cache on every unknown {@code kid}: the same unlimited refetch.)
 * Handing {@code withJwkSource(..)} a nimbus source built with {@code rateLimited(coolDown)} keeps the
 * refresh-on-unknown-kid and adds nimbus' limiter, which allows at most two fetches per cool-down window (the one that
 * opens the window and one more) and throws {@code RateLimitReachedException} beyond that.
 *
 * <p>Nothing here touches the network: the key set is fetched when the first token of this kind arrives, so a service
 * starts while the portal is down.
 */
final class CallerTokenDecoders {

    private CallerTokenDecoders() {
    }

    static JwtDecoder create(TrustedIssuer trusted, JwtProperties.Jwks jwks, Duration clockSkew) {
        return create(trusted, keySource(trusted, jwks), clockSkew);
    }

    /** A decoder over a given key source: the issuer itself verifies its own tokens without HTTP. */
    static JwtDecoder create(TrustedIssuer trusted, JWKSource<SecurityContext> keys, Duration clockSkew) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                // Spring defaults to RS256 alone; the portal may sign with either, and nothing else is accepted.
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                // Spring's claim-set converter invents a missing iat (exp - 1 s), so presence is checked before it.
                .jwtProcessorCustomizer(
                        processor -> processor.setJWTClaimsSetVerifier(CallerTokenDecoders::requireIssuedAt))
                .build();
        decoder.setJwtValidator(validator(trusted, clockSkew));
        return decoder;
    }

    /**
     * Spring's RFC 9068 validator (typ {@code at+jwt} or {@code application/at+jwt} required, absent refused;
     * {@code exp}, {@code iat}, {@code sub}, {@code jti}, {@code client_id} required; {@code iss} exact; {@code aud}
     * contains) with the platform's clock skew on {@code exp}/{@code nbf} instead of Spring's 60 s. Its {@code iat}
     * check sees the invented value, hence {@link #requireIssuedAt} on the raw claims.
     */
    static OAuth2TokenValidator<Jwt> validator(TrustedIssuer trusted, Duration clockSkew) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        return JwtValidators.createAtJwtValidator()
                .issuer(trusted.issuer())
                .audience(trusted.audience())
                .validators(validators -> {
                    validators.put(JwtClaimNames.EXP, new DelegatingOAuth2TokenValidator<>(required(JwtClaimNames.EXP),
                            timestamps));
                    validators.put(JwtClaimNames.IAT, required(JwtClaimNames.IAT));
                })
                .build();
    }

    private static void requireIssuedAt(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        if (claims.getIssueTime() == null) {
            throw new BadJWTException("The iat claim is required");
        }
    }

    private static OAuth2TokenValidator<Jwt> required(String claim) {
        return new JwtClaimValidator<>(claim, Objects::nonNull);
    }

    private static JWKSource<SecurityContext> keySource(TrustedIssuer trusted, JwtProperties.Jwks jwks) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) jwks.connectTimeout().toMillis(), (int) jwks.readTimeout().toMillis(),
                JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
        JWKSourceBuilder<SecurityContext> builder;
        try {
            builder = JWKSourceBuilder.create(trusted.jwksUri().toURL(), retriever);
        }
        catch (MalformedURLException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid JWKS URI for " + trusted.kind() + ": " + trusted.jwksUri(), ex);
        }
        // Refresh-ahead (on by default in nimbus, off in Spring's builder) would need a background executor; a
        // fetch when the cache expires is enough for keys that change a few times a year.
        builder.cache(jwks.cacheTtl().toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                .refreshAheadCache(false)
                .rateLimited(jwks.refreshCoolDown().toMillis());
        if (jwks.outageTolerance().isPositive()) {
            builder.outageTolerant(jwks.outageTolerance().toMillis());
        }
        return unknownKeyWhenRateLimited(builder.build());
    }

    /**
     * Nimbus signals a refresh refused by the rate limiter with {@code RateLimitReachedException}, which Spring turns
     * into a non-"bad token" {@code JwtException} and so into a 500. For the caller it simply means "no key with that
     * kid", which nimbus and Spring answer as an invalid token (401).
     */
    private static JWKSource<SecurityContext> unknownKeyWhenRateLimited(JWKSource<SecurityContext> source) {
        return (selector, context) -> {
            try {
                return source.get(selector, context);
            }
            catch (RateLimitReachedException ex) {
                return List.of();
            }
        };
    }
}
