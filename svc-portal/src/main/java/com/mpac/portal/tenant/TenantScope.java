package com.mpac.portal.tenant;

import java.util.Objects;

import com.mpac.contracts.jwt.CallerToken;

/**
 * The part of the tenant tree a caller may see: everything (platform admin), one PSP, one merchant or one store,
 * with the node's ancestors. A resource outside the scope is answered 404, as if it did not exist.
 */
public record TenantScope(Level level, String pspId, String merchantId, String storeId) {

    public enum Level {
        PLATFORM, PSP, MERCHANT, STORE
    }

    public static TenantScope of(CallerToken caller) {
        if (caller.hasRole("PLATFORM_ADMIN")) {
            return new TenantScope(Level.PLATFORM, null, null, null);
        }
        if (caller.storeId() != null) {
            return new TenantScope(Level.STORE, caller.pspId(), caller.merchantId(), caller.storeId());
        }
        if (caller.merchantId() != null) {
            return new TenantScope(Level.MERCHANT, caller.pspId(), caller.merchantId(), null);
        }
        if (caller.pspId() != null) {
            return new TenantScope(Level.PSP, caller.pspId(), null, null);
        }
        throw new IllegalStateException("A token without a role scope reached the registry");
    }

    /** Whether a node at the given place in the tree (its own id and its ancestors') lies within this scope. */
    public boolean covers(String nodePspId, String nodeMerchantId, String nodeStoreId) {
        return switch (level) {
            case PLATFORM -> true;
            case PSP -> Objects.equals(pspId, nodePspId);
            case MERCHANT -> Objects.equals(merchantId, nodeMerchantId);
            case STORE -> Objects.equals(storeId, nodeStoreId);
        };
    }
}
