package com.mpac.contracts.jwt;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * How a service trusts the access tokens svc-portal issues ({@code mpac.jwt.*}).
 *
 * <p>Per kind ({@code human}, {@code device}) every setting may be left out: the issuer defaults to
 * {@code urn:mpac:portal:<kind>}, the key set to {@code ${mpac.portal-url}/api/v1/jwks/<kind>} ({@code mpac.portal-url}
 * defaulting to {@code ${MPAC_PORTAL_URL:http://localhost:8081}}) and the accepted audience to
 * {@code ${spring.application.name}}. These defaults depend on other properties, which {@code @DefaultValue} cannot
 * express, so {@link #trustedIssuer} applies them.
 *
 * @param enabled whether the auto-configuration creates the resolver ({@code mpac.jwt.enabled}, default true)
 * @param human trust settings for staff and admin tokens
 * @param device trust settings for terminal tokens
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
 * @param jwks how the portal's key sets are fetched and cached
 */
@ConfigurationProperties("mpac.jwt")
@Validated
public record JwtProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue Issuer human,
        @Valid @DefaultValue Issuer device,
        @NotNull @DefaultValue("30s") Duration clockSkew,
        @Valid @DefaultValue Jwks jwks) {

    static final String PORTAL_URL = "${mpac.portal-url:${MPAC_PORTAL_URL:http://localhost:8081}}";

    /**
     * Trust settings for one token kind; any left out takes the platform default described on {@link JwtProperties}.
     *
     * @param issuer the exact {@code iss} tokens of this kind carry
     * @param jwksUri where this kind's public keys are published
     * @param audience the {@code aud} value this service accepts
     */
    public record Issuer(@Nullable String issuer, @Nullable URI jwksUri, @Nullable String audience) {
    }

    /**
     * @param cacheTtl how long a fetched key set is used before it is fetched again
     * @param refreshCoolDown after a fetch, a token with an unknown {@code kid} may cause at most one more fetch
     * within this interval; further unknown kids are rejected without contacting the portal
     * @param outageTolerance how long the last good key set keeps being used while the portal cannot be reached
     * ({@code 0} to fail at once); defaults to the longest access-token lifetime
     * @param connectTimeout connect timeout of a key-set fetch
     * @param readTimeout read timeout of a key-set fetch
     */
    public record Jwks(
            @NotNull @DefaultValue("5m") Duration cacheTtl,
            @NotNull @DefaultValue("30s") Duration refreshCoolDown,
            @NotNull @DefaultValue("15m") Duration outageTolerance,
            @NotNull @DefaultValue("2s") Duration connectTimeout,
            @NotNull @DefaultValue("2s") Duration readTimeout) {

        // Nimbus refuses a rate limit that is not shorter than the cache lifetime; say so at binding instead.
        @AssertTrue(message = "refresh-cool-down must be shorter than cache-ttl")
        boolean isCoolDownShorterThanCacheTtl() {
            return cacheTtl == null || refreshCoolDown == null || refreshCoolDown.compareTo(cacheTtl) < 0;
        }
    }

    /**
     * The settings of {@code kind} with the platform defaults applied.
     *
     * @throws IllegalStateException if no audience is configured and {@code spring.application.name} is not set
     */
    TrustedIssuer trustedIssuer(TokenKind kind, PropertyResolver environment) {
        Issuer configured = (kind == TokenKind.HUMAN) ? human : device;
        String issuer = StringUtils.hasText(configured.issuer()) ? configured.issuer() : kind.defaultIssuer();
        URI jwksUri = (configured.jwksUri() != null) ? configured.jwksUri()
                : URI.create(trimTrailingSlash(environment.resolveRequiredPlaceholders(PORTAL_URL)) + kind.jwksPath());
        String audience = StringUtils.hasText(configured.audience()) ? configured.audience()
                : environment.getProperty("spring.application.name");
        if (!StringUtils.hasText(audience)) {
            throw new IllegalStateException("Set mpac.jwt." + kind.name().toLowerCase()
                    + ".audience or spring.application.name: a resource server must know which audience it is");
        }
        return new TrustedIssuer(kind, issuer, jwksUri, audience);
    }

    private static String trimTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
