package com.mpac.pgw.intent;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A shopper's app holding one intent's client secret: it may read, confirm and cancel that intent only. */
public final class ClientSecretAuthentication extends AbstractAuthenticationToken {

    public static final String AUTHORITY = "PAYMENT_INTENT_CLIENT";

    private final String paymentIntentId;
    private final String merchantId;

    ClientSecretAuthentication(String paymentIntentId, String merchantId) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.paymentIntentId = paymentIntentId;
        this.merchantId = merchantId;
        setAuthenticated(true);
    }

    public String paymentIntentId() {
        return paymentIntentId;
    }

    String merchantId() {
        return merchantId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return paymentIntentId;
    }

    @Override
    public String getName() {
        return "client_secret:" + paymentIntentId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientSecretAuthentication that && paymentIntentId.equals(that.paymentIntentId);
    }

    @Override
    public int hashCode() {
        return paymentIntentId.hashCode();
    }
}
