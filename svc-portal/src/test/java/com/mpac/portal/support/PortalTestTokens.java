package com.mpac.portal.support;

import java.util.List;

import com.mpac.portal.signing.HumanTokens;

/**
 * Human tokens for tests, minted by the same {@link HumanTokens} login uses, so a test can act as any role at any
 * node of the tenant tree without going through login first.
 */
public final class PortalTestTokens {

    private final HumanTokens tokens;

    public PortalTestTokens(HumanTokens tokens) {
        this.tokens = tokens;
    }

    public String platformAdmin(String userId) {
        return bearer(new HumanTokens.Holder(userId, List.of("PLATFORM_ADMIN"), null, null, null));
    }

    public String pspAdmin(String userId, String pspId) {
        return bearer(new HumanTokens.Holder(userId, List.of("PSP_ADMIN"), pspId, null, null));
    }

    public String merchantAdmin(String userId, String pspId, String merchantId) {
        return bearer(new HumanTokens.Holder(userId, List.of("MERCHANT_ADMIN"), pspId, merchantId, null));
    }

    public String storeUser(String userId, String role, String pspId, String merchantId, String storeId) {
        return bearer(new HumanTokens.Holder(userId, List.of(role), pspId, merchantId, storeId));
    }

    private String bearer(HumanTokens.Holder holder) {
        return "Bearer " + tokens.issue(holder, List.of("pwd")).value();
    }
}
