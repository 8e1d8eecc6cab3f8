package com.mpac.portal.user;

import java.util.Set;

import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.Actor.Role;
import com.mpac.portal.tenant.TenantScope.Level;

/**
 * Who may grant which role where, in one place. A role is granted at a node of its level; the granter must see that
 * node and the role must not be above their own:
 * <ul>
 * <li>platform admin: any role anywhere;</li>
 * <li>PSP admin: PSP_ADMIN, MERCHANT_ADMIN, STORE_MANAGER, CASHIER within their PSP;</li>
 * <li>merchant admin: MERCHANT_ADMIN, STORE_MANAGER, CASHIER within their merchant;</li>
 * <li>store manager: CASHIER in their store;</li>
 * <li>cashier: nothing.</li>
 * </ul>
 * Managing an existing user (disable, reset, change roles, delete) takes being able to grant every role they hold.
 */
final class Grants {

    /** Where a role is held: the node ids, ancestors included (all null for the platform). */
    record Scope(String pspId, String merchantId, String storeId) {

        static final Scope PLATFORM = new Scope(null, null, null);
    }

    private Grants() {
    }

    static boolean mayGrant(Actor actor, Role role, Scope scope) {
        return actor.sees(scope.pspId(), scope.merchantId(), scope.storeId()) && mayGrantSomewhere(actor, role);
    }

    /** Whether the role is one the actor may grant at all (at some node of their part of the tree). */
    static boolean mayGrantSomewhere(Actor actor, Role role) {
        return switch (actor.level()) {
            case PLATFORM -> true;
            case PSP -> role.level() != Level.PLATFORM;
            case MERCHANT -> role.level() == Level.MERCHANT || role.level() == Level.STORE;
            case STORE -> actor.has(Role.STORE_MANAGER) && role == Role.CASHIER;
        };
    }

    static boolean mayGrantAll(Actor actor, Set<Role> roles, Scope scope) {
        return roles.stream().allMatch(role -> mayGrant(actor, role, scope));
    }
}
