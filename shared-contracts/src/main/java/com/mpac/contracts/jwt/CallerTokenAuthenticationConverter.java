package com.mpac.contracts.jwt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Turns a token verified by one kind's decoder into an authentication whose principal is a {@link CallerToken}. The
 * kind comes from the decoder that verified the signature, never from a claim.
 */
final class CallerTokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLES = "roles";
    static final String SCOPE = "scope";
    static final String PSP_ID = "psp_id";
    static final String MERCHANT_ID = "merchant_id";
    static final String STORE_ID = "store_id";
    static final String CLIENT_ID = "client_id";
    static final String ACTOR = "act";

    private final TokenKind kind;

    CallerTokenAuthenticationConverter(TokenKind kind) {
        this.kind = kind;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        CallerToken caller = new CallerToken(kind, jwt.getSubject(), jwt.getClaimAsString(CLIENT_ID),
                jwt.getClaimAsString(PSP_ID), jwt.getClaimAsString(MERCHANT_ID), jwt.getClaimAsString(STORE_ID),
                roles(jwt), scopes(jwt), actorSubject(jwt), jwt.getId());
        return new JwtAuthenticationToken(jwt, caller, authorities(caller));
    }

    private static Collection<GrantedAuthority> authorities(CallerToken caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(caller.kind().authority()));
        caller.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        caller.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        // What Spring's own JwtAuthenticationConverter adds, so multi-factor rules see how the caller authenticated.
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
        return authorities;
    }

    private static Set<String> roles(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES);
        return (roles != null) ? new LinkedHashSet<>(roles) : Set.of();
    }

    // RFC 9068 says space-separated string; an array is accepted too, as Spring's own converter does.
    private static Set<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaim(SCOPE);
        if (scope instanceof String text) {
            return Arrays.stream(text.split("\\s+")).filter(StringUtils::hasText)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
        if (scope instanceof Collection<?> values) {
            Set<String> scopes = new LinkedHashSet<>();
            values.forEach(value -> scopes.add(String.valueOf(value)));
            return scopes;
        }
        return Set.of();
    }

    private static @Nullable String actorSubject(Jwt jwt) {
        if (jwt.getClaim(ACTOR) instanceof Map<?, ?> actor && actor.get("sub") instanceof String sub) {
            return sub;
        }
        return null;
    }
}
