package com.mpac.portal.session;

import java.util.List;

import com.mpac.portal.signing.HumanTokens;

/**
 * A user as login sees them: identity, password hash, status, roles and the node of the tenant tree they work at.
 * Never serialised: it holds the password hash.
 */
public record UserAccount(String userId, String email, String passwordHash, String status, String pspId,
        String merchantId, String storeId, List<String> roles) {

    public UserAccount {
        roles = List.copyOf(roles);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Who an access token for this user is for. */
    public HumanTokens.Holder holder() {
        return new HumanTokens.Holder(userId, roles, pspId, merchantId, storeId);
    }

    @Override
    public String toString() {
        return "UserAccount[" + userId + "]";
    }
}
