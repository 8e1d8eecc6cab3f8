package com.mpac.contracts.jwt;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.util.Assert;

/**
 * Authenticates human and device tokens for {@code http.oauth2ResourceServer(..)}. The token's unverified {@code iss}
 * only picks which kind's decoder checks it; that decoder then verifies the signature against that kind's key set and
 * requires that same {@code iss}, so a token signed with a human key that claims the device issuer is refused. A
 * token whose {@code iss} is neither is refused ("Invalid issuer", 401) before any key set is fetched.
 *
 * <p>Wire it with {@link CallerTokenSecurity#resourceServer}; the auto-configuration provides one as a bean.
 */
public final class CallerTokenAuthenticationManagerResolver
        implements AuthenticationManagerResolver<HttpServletRequest> {

    private final List<TrustedIssuer> trustedIssuers;
    private final JwtIssuerAuthenticationManagerResolver byIssuer;

    CallerTokenAuthenticationManagerResolver(Collection<TrustedIssuer> trustedIssuers, JwtProperties.Jwks jwks,
            Duration clockSkew) {
        this(trustedIssuers, trusted -> CallerTokenDecoders.create(trusted, jwks, clockSkew));
    }

    private CallerTokenAuthenticationManagerResolver(Collection<TrustedIssuer> trustedIssuers,
            Function<TrustedIssuer, JwtDecoder> decoders) {
        Assert.notEmpty(trustedIssuers, "at least one trusted issuer is required");
        Map<String, AuthenticationManager> managers = new HashMap<>();
        for (TrustedIssuer trusted : trustedIssuers) {
            AuthenticationManager manager = authenticationManager(trusted, decoders.apply(trusted));
            Assert.isNull(managers.put(trusted.issuer(), manager),
                    () -> "Token kinds must have distinct issuers, but " + trusted.issuer() + " is used twice");
        }
        this.trustedIssuers = List.copyOf(trustedIssuers);
        this.byIssuer = new JwtIssuerAuthenticationManagerResolver(managers::get);
    }

    /**
     * For the issuer of the tokens (svc-portal): the same checks, with each kind's keys taken from {@code keySources}
     * (its own key store) instead of fetched over HTTP.
     */
    public static CallerTokenAuthenticationManagerResolver withKeySources(JwtProperties properties,
            Environment environment, Function<TokenKind, JWKSource<SecurityContext>> keySources) {
        List<TrustedIssuer> trusted = List.of(properties.trustedIssuer(TokenKind.HUMAN, environment),
                properties.trustedIssuer(TokenKind.DEVICE, environment));
        return new CallerTokenAuthenticationManagerResolver(trusted, issuer -> CallerTokenDecoders.create(issuer,
                keySources.apply(issuer.kind()), properties.clockSkew()));
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        return byIssuer.resolve(request);
    }

    /** The kinds this resolver accepts, with their issuers, key sets and audiences. */
    public List<TrustedIssuer> trustedIssuers() {
        return trustedIssuers;
    }

    private static AuthenticationManager authenticationManager(TrustedIssuer trusted, JwtDecoder decoder) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(new CallerTokenAuthenticationConverter(trusted.kind()));
        return new ProviderManager(provider);
    }
}
