package com.mpac.smarttab.tenant;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A caller's visibility as a SQL condition over a row's {@code psp_id}, {@code merchant_id} and {@code store_id}:
 * {@code "... WHERE id = :id AND " + scope.condition()} with {@code .params(scope.params())}. A row outside it is
 * simply not found, so another tenant's id answers 404 like an id that does not exist.
 */
public record TenantScope(@Nullable String pspId, @Nullable String merchantId, @Nullable String storeId,
        boolean all) {

    static final TenantScope ALL = new TenantScope(null, null, null, true);
    static final TenantScope NOTHING = new TenantScope(null, null, null, false);

    static TenantScope psp(String pspId) {
        return new TenantScope(pspId, null, null, false);
    }

    static TenantScope merchant(String merchantId) {
        return new TenantScope(null, merchantId, null, false);
    }

    static TenantScope store(String merchantId, String storeId) {
        return new TenantScope(null, merchantId, storeId, false);
    }

    public String condition() {
        return condition("");
    }

    /** The condition over the columns of {@code alias} (e.g. {@code "o."}). */
    public String condition(String alias) {
        if (all) {
            return "TRUE";
        }
        if (storeId != null) {
            return alias + "merchant_id = :scopeMerchant AND " + alias + "store_id = :scopeStore";
        }
        if (merchantId != null) {
            return alias + "merchant_id = :scopeMerchant";
        }
        if (pspId != null) {
            return alias + "psp_id = :scopePsp";
        }
        return "FALSE";
    }

    public Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        if (merchantId != null) {
            params.put("scopeMerchant", merchantId);
        }
        if (storeId != null) {
            params.put("scopeStore", storeId);
        }
        if (pspId != null) {
            params.put("scopePsp", pspId);
        }
        return params;
    }
}
