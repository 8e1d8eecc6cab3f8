package com.mpac.portal.registry;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.jwt.TokenKind;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.tenant.TenantScope;
import com.mpac.portal.tenant.TenantScope.Level;

/**
 * The person behind a request, as the registry and user management see them: their roles, the node of the tenant
 * tree they work at, and the admin acting as them when impersonated. A token whose roles do not belong to the level
 * its tenant ids name (which the portal never issues) is refused rather than read generously.
 */
public record Actor(String userId, Set<Role> roles, TenantScope scope, String impersonatorId) {

    /** The roles of the platform, each at one level of the tenant tree. */
    public enum Role {
        PLATFORM_ADMIN(Level.PLATFORM), PSP_ADMIN(Level.PSP), MERCHANT_ADMIN(Level.MERCHANT),
        STORE_MANAGER(Level.STORE), CASHIER(Level.STORE);

        private final Level level;

        Role(Level level) {
            this.level = level;
        }

        public Level level() {
            return level;
        }
    }

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static Actor of(CallerToken caller) {
        if (caller.kind() != TokenKind.HUMAN) {
            throw forbidden();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : caller.roles()) {
            try {
                roles.add(Role.valueOf(role));
            }
            catch (IllegalArgumentException ex) {
                // A role this portal does not know grants nothing here.
            }
        }
        if (roles.isEmpty()) {
            throw forbidden();
        }
        TenantScope scope;
        try {
            scope = TenantScope.of(caller);
        }
        catch (IllegalStateException ex) {
            throw forbidden();
        }
        Level level = scope.level();
        if (roles.stream().anyMatch(role -> role.level() != level)) {
            throw forbidden();
        }
        return new Actor(caller.subject(), roles, scope, caller.actorSubject());
    }

    public Level level() {
        return scope.level();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the actor works at {@code level} or above it (the platform is the top). */
    public boolean atLeast(Level level) {
        return level().ordinal() <= level.ordinal();
    }

    /** Whether a node with these ids (its own and its ancestors') lies within the actor's part of the tree. */
    public boolean sees(String pspId, String merchantId, String storeId) {
        return scope.covers(pspId, merchantId, storeId);
    }

    /** Audit details with the impersonating admin added when there is one; never put secrets in them. */
    public Map<String, Object> auditDetails(Map<String, Object> details) {
        if (impersonatorId == null) {
            return details;
        }
        Map<String, Object> withActor = new LinkedHashMap<>(details);
        withActor.put("impersonatedBy", impersonatorId);
        return withActor;
    }

    public void require(boolean allowed) {
        if (!allowed) {
            throw forbidden();
        }
    }

    static ApiException forbidden() {
        return new ApiException(ProblemTypes.FORBIDDEN, "You may not perform this operation.");
    }
}
