package com.mpac.portal.user;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.auth.PasswordPolicy;
import com.mpac.portal.registry.Actor.Role;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.registry.Registry;
import com.mpac.portal.registry.RegistryProblems;
import com.mpac.portal.registry.Sql;
import com.mpac.portal.session.Sessions;
import com.mpac.portal.tenant.TenantScope.Level;
import com.mpac.portal.user.Grants.Scope;
import com.mpac.portal.user.UserController.CreateUserRequest;
import com.mpac.portal.user.UserController.UpdateUserRequest;
import com.mpac.portal.user.UserController.UserResponse;
import com.mpac.portal.user.UserController.UserStatus;
import com.mpac.portal.user.UserRepository.UserRow;

@Service
class UserService {

    static final ProblemType LAST_PLATFORM_ADMIN = new ProblemType("last_platform_admin", HttpStatus.CONFLICT,
            "Last platform admin");

    record Filter(UserStatus status, Role role, String pspId, String merchantId, String storeId, String q) {
    }

    private final UserRepository users;
    private final Registry registry;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final Sessions sessions;
    private final AuditLog audit;

    UserService(UserRepository users, Registry registry, PasswordEncoder passwordEncoder,
            PasswordPolicy passwordPolicy, Sessions sessions, AuditLog audit) {
        this.users = users;
        this.registry = registry;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<UserResponse> list(Actor actor, Filter filter, int limit, String startingAfter) {
        Sql.Where where = new Sql.Where().and("u.deleted_at IS NULL");
        switch (actor.level()) {
            case PLATFORM -> {
            }
            case PSP -> where.and("u.psp_id = :scope", "scope", actor.scope().pspId());
            case MERCHANT -> where.and("u.merchant_id = :scope", "scope", actor.scope().merchantId());
            case STORE -> where.and("u.store_id = :scope", "scope", actor.scope().storeId());
        }
        where.and("u.status = :status", "status", filter.status() == null ? null : filter.status().name())
                .and("EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.user_id AND r.role = :role)",
                        "role", filter.role() == null ? null : filter.role().name())
                .and("u.psp_id = :psp", "psp", filter.pspId())
                .and("u.merchant_id = :merchant", "merchant", filter.merchantId())
                .and("u.store_id = :store", "store", filter.storeId())
                .and("u.email ILIKE :q", "q",
                        filter.q() == null || filter.q().isBlank() ? null : Sql.containing(filter.q().strip()))
                .and("u.user_id > :after", "after", startingAfter);
        List<UserResponse> page = users.list(where, limit + 1).stream().map(UserService::response).toList();
        return CursorPage.of(page, limit, UserResponse::id);
    }

    @Transactional
    UserResponse create(Actor actor, CreateUserRequest request, String clientIp) {
        requireActiveAccount(actor);
        Set<Role> roles = EnumSet.copyOf(request.roles());
        requireNotAboveOwn(actor, roles);
        Scope scope = resolveScope(actor, levelOf(roles), request.pspId(), request.merchantId(), request.storeId(),
                null);
        if (!Grants.mayGrantAll(actor, roles, scope)) {
            throw forbidden("You may not grant these roles here.");
        }
        passwordPolicy.require("password", request.password());
        String id = Ids.next("usr");
        String email = request.email().strip();
        try {
            users.insert(id, email, passwordEncoder.encode(request.password()), scope.pspId(), scope.merchantId(),
                    scope.storeId());
        }
        catch (DuplicateKeyException ex) {
            throw new ApiException(RegistryProblems.ALREADY_IN_USE, "A user with this email already exists.",
                    Map.of("field", "email"));
        }
        users.replaceRoles(id, roles);
        audit.record(new AuditEvent("user.created", actor.userId(), id, scope.pspId(), scope.merchantId(), clientIp,
                actor.auditDetails(scopeDetails(roles, scope))));
        return response(users.find(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    UserResponse get(Actor actor, String id) {
        return response(visible(actor, users.find(id).orElse(null)));
    }

    @Transactional
    UserResponse update(Actor actor, String id, UpdateUserRequest request, String clientIp) {
        requireActiveAccount(actor);
        UserRow current = visible(actor, users.lock(id).orElse(null));
        requireManageable(actor, current);
        boolean scopeGiven = request.pspId() != null || request.merchantId() != null || request.storeId() != null;
        if (scopeGiven && request.roles() == null) {
            throw RegistryProblems.invalid("roles", "must be given with pspId, merchantId or storeId");
        }
        if (request.password() != null && current.id().equals(actor.userId())) {
            throw forbidden("Change your own password with the password change, which asks for the current one.");
        }

        Set<Role> roles = request.roles() == null ? current.roles() : EnumSet.copyOf(request.roles());
        requireNotAboveOwn(actor, roles);
        Scope currentScope = new Scope(current.pspId(), current.merchantId(), current.storeId());
        Scope scope = request.roles() == null ? currentScope
                : resolveScope(actor, levelOf(roles), request.pspId(), request.merchantId(), request.storeId(),
                        currentScope);
        if (request.roles() != null && !Grants.mayGrantAll(actor, roles, scope)) {
            throw forbidden("You may not grant these roles here.");
        }
        UserStatus status = request.status() == null ? current.status() : request.status();
        boolean rolesChanged = !roles.equals(current.roles()) || !scope.equals(currentScope);
        boolean statusChanged = status != current.status();
        if (current.isActivePlatformAdmin() && (statusChanged || !roles.contains(Role.PLATFORM_ADMIN))
                && users.otherActivePlatformAdmins(id) == 0) {
            throw new ApiException(LAST_PLATFORM_ADMIN,
                    "This is the last active platform admin; make another one first.");
        }
        if (request.password() != null) {
            passwordPolicy.require("password", request.password());
        }

        String tenantPsp = scope.pspId() != null ? scope.pspId() : current.pspId();
        String tenantMerchant = scope.merchantId() != null ? scope.merchantId() : current.merchantId();
        if (rolesChanged) {
            users.updateScope(id, scope.pspId(), scope.merchantId(), scope.storeId());
            users.replaceRoles(id, roles);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fromRoles", names(current.roles()));
            details.put("toRoles", names(roles));
            details.put("fromScope", scopeDetails(Set.of(), currentScope));
            details.put("toScope", scopeDetails(Set.of(), scope));
            audit.record(new AuditEvent("user.roles_changed", actor.userId(), id, tenantPsp, tenantMerchant,
                    clientIp, actor.auditDetails(details)));
        }
        if (statusChanged) {
            users.updateStatus(id, status);
            audit.record(new AuditEvent(status == UserStatus.DISABLED ? "user.disabled" : "user.enabled",
                    actor.userId(), id, tenantPsp, tenantMerchant, clientIp, actor.auditDetails(Map.of())));
        }
        if (request.password() != null) {
            users.updatePasswordHash(id, passwordEncoder.encode(request.password()));
            audit.record(new AuditEvent("user.password_reset", actor.userId(), id, tenantPsp, tenantMerchant,
                    clientIp, actor.auditDetails(Map.of())));
        }
        // Sessions end so that no refresh carries the old roles or outlives a disable or a reset; access tokens
        // already issued run out within their lifetime.
        if (request.password() != null || rolesChanged || (statusChanged && status == UserStatus.DISABLED)) {
            sessions.revokeAll(id, request.password() != null ? "password_reset"
                    : statusChanged ? "user_disabled" : "roles_changed");
        }
        return response(users.find(id).orElseThrow());
    }

    @Transactional
    void delete(Actor actor, String id, String clientIp) {
        requireActiveAccount(actor);
        UserRow current = visible(actor, users.lock(id).orElse(null));
        requireManageable(actor, current);
        if (current.isActivePlatformAdmin() && users.otherActivePlatformAdmins(id) == 0) {
            throw new ApiException(LAST_PLATFORM_ADMIN,
                    "This is the last active platform admin; make another one first.");
        }
        users.markDeleted(id);
        sessions.revokeAll(id, "user_deleted");
        audit.record(new AuditEvent("user.deleted", actor.userId(), id, current.pspId(), current.merchantId(),
                clientIp, actor.auditDetails(Map.of("roles", names(current.roles())))));
    }

    /**
     * The node a user with roles of {@code level} is placed at. The node's own id may be omitted when the caller
     * works at that level (their own node) or when {@code current} (an existing user's node) has it as an ancestor;
     * ancestors given must match the node's. A node the caller cannot see answers 404.
     */
    private Scope resolveScope(Actor actor, Level level, String pspId, String merchantId, String storeId,
            Scope current) {
        String own = switch (level) {
            case PLATFORM -> null;
            case PSP -> pspId;
            case MERCHANT -> merchantId;
            case STORE -> storeId;
        };
        if (level == Level.PLATFORM) {
            if (pspId != null || merchantId != null || storeId != null) {
                throw RegistryProblems.invalid("roles", "PLATFORM_ADMIN is held without pspId, merchantId or storeId");
            }
            return Scope.PLATFORM;
        }
        if (level == Level.PSP && (merchantId != null || storeId != null)
                || level == Level.MERCHANT && storeId != null) {
            throw RegistryProblems.invalid("roles", "the scope ids given are below the roles' level");
        }
        if (own == null) {
            own = defaultNode(level, actor.level() == level ? ownScope(actor) : current);
        }
        if (own == null) {
            throw RegistryProblems.invalid(switch (level) {
                case PSP -> "pspId";
                case MERCHANT -> "merchantId";
                default -> "storeId";
            }, "must not be null for these roles");
        }
        Kind kind = switch (level) {
            case PSP -> Kind.PSP;
            case MERCHANT -> Kind.MERCHANT;
            default -> Kind.STORE;
        };
        Node node = registry.visible(actor, kind, own);
        if (pspId != null && !pspId.equals(node.pspId())
                || merchantId != null && !merchantId.equals(node.merchantId())) {
            throw RegistryProblems.invalid("pspId", "the ancestors given do not match the node");
        }
        if (!node.isActive() && !"SUSPENDED".equals(node.status())) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The " + kind.name().toLowerCase()
                    + " is not active.");
        }
        return new Scope(node.pspId(), node.merchantId(), node.storeId());
    }

    private static Scope ownScope(Actor actor) {
        return new Scope(actor.scope().pspId(), actor.scope().merchantId(), actor.scope().storeId());
    }

    private static String defaultNode(Level level, Scope scope) {
        if (scope == null) {
            return null;
        }
        return switch (level) {
            case PSP -> scope.pspId();
            case MERCHANT -> scope.merchantId();
            case STORE -> scope.storeId();
            case PLATFORM -> null;
        };
    }

    private static Level levelOf(Set<Role> roles) {
        Set<Level> levels = EnumSet.noneOf(Level.class);
        roles.forEach(role -> levels.add(role.level()));
        if (levels.size() != 1) {
            throw RegistryProblems.invalid("roles", "all roles of a user belong to one level of the tree "
                    + "(PLATFORM_ADMIN; PSP_ADMIN; MERCHANT_ADMIN; or STORE_MANAGER and CASHIER)");
        }
        return levels.iterator().next();
    }

    /** A user the actor may see: not deleted, within their part of the tree; otherwise 404. */
    private static UserRow visible(Actor actor, UserRow user) {
        if (user == null || user.deleted() || !actor.sees(user.pspId(), user.merchantId(), user.storeId())) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "No such user.");
        }
        return user;
    }

    /** A role the actor could grant nowhere is refused before any id is looked at. */
    private static void requireNotAboveOwn(Actor actor, Set<Role> roles) {
        if (!roles.stream().allMatch(role -> Grants.mayGrantSomewhere(actor, role))) {
            throw forbidden("You may not grant a role above your own.");
        }
    }

    private static void requireManageable(Actor actor, UserRow user) {
        if (!Grants.mayGrantAll(actor, user.roles(), new Scope(user.pspId(), user.merchantId(), user.storeId()))) {
            throw forbidden("You may not manage this user.");
        }
    }

    /**
     * A token outlives a change to its holder for at most its lifetime; user management does not wait for that: a
     * disabled or deleted caller, or one no longer holding the roles their token names, is refused now.
     */
    private void requireActiveAccount(Actor actor) {
        String accountId = actor.impersonatorId() != null ? actor.impersonatorId() : actor.userId();
        users.find(accountId).ifPresent(account -> {
            boolean holdsRoles = actor.impersonatorId() != null || account.roles().containsAll(actor.roles());
            if (account.deleted() || account.status() != UserStatus.ACTIVE || !holdsRoles) {
                throw forbidden("Your account may no longer manage users.");
            }
        });
    }

    private static Map<String, Object> scopeDetails(Set<Role> roles, Scope scope) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!roles.isEmpty()) {
            details.put("roles", names(roles));
        }
        if (scope.pspId() != null) {
            details.put("pspId", scope.pspId());
        }
        if (scope.merchantId() != null) {
            details.put("merchantId", scope.merchantId());
        }
        if (scope.storeId() != null) {
            details.put("storeId", scope.storeId());
        }
        return details;
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toList();
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(ProblemTypes.FORBIDDEN, detail);
    }

    private static UserResponse response(UserRow row) {
        return new UserResponse(row.id(), row.email(), row.status(), row.roles().stream().sorted().toList(),
                row.pspId(), row.merchantId(), row.storeId(), row.createdAt(), row.updatedAt());
    }
}
