package com.mpac.smarttab.tenant;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.jwt.TokenKind;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/**
 * The caller of a request as its portal token says, and what that lets it see and write. A terminal sees and works
 * in its own store; a cashier or store manager in their store; a merchant admin in any store of the merchant; a PSP
 * admin sees its PSP's merchants and a platform admin everything (both read only: they do not run tills).
 */
public record Caller(CallerToken token) {

    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    public static final String PSP_ADMIN = "PSP_ADMIN";
    public static final String MERCHANT_ADMIN = "MERCHANT_ADMIN";
    public static final String STORE_MANAGER = "STORE_MANAGER";
    public static final String CASHIER = "CASHIER";

    public static Caller current() {
        return new Caller(CallerToken.current());
    }

    public boolean isDevice() {
        return token.kind() == TokenKind.DEVICE;
    }

    public boolean hasRole(String role) {
        return !isDevice() && token.hasRole(role);
    }

    /** Store managers and merchant admins: the staff who may take decisions a till may not (large refunds, closes). */
    public boolean isManager() {
        return hasRole(MERCHANT_ADMIN) || hasRole(STORE_MANAGER);
    }

    /** Who did it, for the record: the terminal or the user. */
    public String actor() {
        return (isDevice() ? "terminal:" : "user:") + token.subject();
    }

    /** The terminal a device token belongs to; {@code null} for staff. */
    public @Nullable String terminalId() {
        return isDevice() ? token.subject() : null;
    }

    public @Nullable String pspId() {
        return token.pspId();
    }

    /** Rows this caller may read. */
    public TenantScope visible() {
        if (hasRole(PLATFORM_ADMIN)) {
            return TenantScope.ALL;
        }
        if (hasRole(MERCHANT_ADMIN) && token.merchantId() != null) {
            return TenantScope.merchant(token.merchantId());
        }
        if (storeScoped() && token.merchantId() != null && token.storeId() != null) {
            return TenantScope.store(token.merchantId(), token.storeId());
        }
        if (hasRole(PSP_ADMIN) && token.pspId() != null) {
            return TenantScope.psp(token.pspId());
        }
        return TenantScope.NOTHING;
    }

    /** Rows held per merchant rather than per store (customers): a store's staff and terminals see the merchant's. */
    public TenantScope visibleMerchantWide() {
        TenantScope visible = visible();
        return (visible.storeId() != null) ? TenantScope.merchant(visible.merchantId()) : visible;
    }

    /** The merchant this caller writes for; staff without one (platform and PSP admins) write nothing. */
    public String merchantForWrite() {
        if (token.merchantId() == null || !(isDevice() || hasRole(MERCHANT_ADMIN) || storeScoped())) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "This token does not work for one merchant.");
        }
        return token.merchantId();
    }

    /**
     * The store this caller writes in: its own (a store id naming another store is not found), or for a merchant
     * admin without one the store the request names.
     */
    public String storeForWrite(@Nullable String requested) {
        merchantForWrite();
        String own = (isDevice() || storeScoped()) ? token.storeId() : null;
        if (own != null) {
            if (requested != null && !requested.equals(own)) {
                throw new ApiException(ProblemTypes.NOT_FOUND, "No store " + requested + ".");
            }
            return own;
        }
        if (isDevice() || storeScoped()) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "This token names no store.");
        }
        if (requested == null) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "store_id: required for a merchant-wide caller",
                    Map.of("errors", java.util.List.of(Map.of("field", "store_id", "message", "required"))));
        }
        return requested;
    }

    private boolean storeScoped() {
        return isDevice() || hasRole(STORE_MANAGER) || hasRole(CASHIER);
    }
}
