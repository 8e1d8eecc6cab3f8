package com.mpac.contracts.hmac;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A verified S2S request. Authorities say what kind of caller it is, so routes allow-list callers declaratively:
 * {@code hasAuthority(HmacAuthentication.service("svc-portal"))} or {@code hasAuthority(MERCHANT)}.
 */
public final class HmacAuthentication extends AbstractAuthenticationToken {

    public static final String PLATFORM = "S2S_PLATFORM";
    public static final String MERCHANT = "S2S_MERCHANT";

    private final HmacCaller caller;
    private final String onBehalfOf;

    HmacAuthentication(HmacCaller caller, String onBehalfOf) {
        super(authorities(caller));
        this.caller = caller;
        this.onBehalfOf = onBehalfOf;
        setAuthenticated(true);
    }

    /** The authority a platform service's key carries, for allow-listing it on a route. */
    public static String service(String serviceName) {
        return "S2S_SERVICE_" + serviceName;
    }

    private static List<GrantedAuthority> authorities(HmacCaller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (caller.isPlatform()) {
            authorities.add(new SimpleGrantedAuthority(PLATFORM));
            authorities.add(new SimpleGrantedAuthority(service(caller.id())));
        }
        else {
            authorities.add(new SimpleGrantedAuthority(MERCHANT));
        }
        return authorities;
    }

    public HmacCaller caller() {
        return caller;
    }

    /** The merchant a platform service acts for ({@code X-MPAC-On-Behalf-Of}); only platform keys may name one. */
    public Optional<String> onBehalfOf() {
        return Optional.ofNullable(onBehalfOf);
    }

    /** The merchant whose data this request may touch: the caller itself, or the one a platform service names. */
    public Optional<String> merchantId() {
        return caller.isPlatform() ? onBehalfOf() : Optional.of(caller.id());
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public HmacCaller getPrincipal() {
        return caller;
    }

    /**
     * The caller as scopes are keyed (idempotency keys among them): a platform service acting for a merchant is a
     * caller of its own per merchant, so one merchant's stored answer can never be replayed to another.
     */
    @Override
    public String getName() {
        String name = caller.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + caller.id();
        return onBehalfOf == null ? name : name + ">" + onBehalfOf;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HmacAuthentication that && caller.equals(that.caller)
                && java.util.Objects.equals(onBehalfOf, that.onBehalfOf);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}
