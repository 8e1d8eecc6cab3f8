package com.mpac.mobilepay.merchant;

import java.security.Principal;

import org.springframework.security.core.context.SecurityContextHolder;

/** The merchant a POS call was authenticated as (its accessToken + bioCode pair). */
public record PosCaller(String merchantId, String bioCode) implements Principal {

    @Override
    public String getName() {
        return merchantId;
    }

    /** The caller of the current request; the POS security chain guarantees one on {@code /api/pos/**}. */
    public static PosCaller current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PosCaller caller) {
            return caller;
        }
        throw new IllegalStateException("No authenticated POS caller");
    }
}
