package com.mpac.portal.user;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.Actor.Role;
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.StrictRequest;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People of the portal. A user works at one level of the tenant tree (platform, "
        + "PSP, merchant or store) and all their roles belong to it. Nobody grants a role above their own or outside "
        + "their part of the tree: platform admins any; PSP admins PSP_ADMIN and below in their PSP; merchant admins "
        + "MERCHANT_ADMIN, STORE_MANAGER and CASHIER in their merchant; store managers CASHIER in their store.")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    enum UserStatus {
        ACTIVE, DISABLED
    }

    /**
     * A new user. The scope is the node of the roles' level: {@code pspId} for PSP_ADMIN, {@code merchantId} for
     * MERCHANT_ADMIN, {@code storeId} for store roles, none for PLATFORM_ADMIN; ancestors may be given too and must
     * match. The id of the caller's own node may be left out.
     */
    record CreateUserRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password,
            @NotEmpty @Size(max = 5) Set<@NotNull Role> roles,
            @Size(max = 64) String pspId,
            @Size(max = 64) String merchantId,
            @Size(max = 64) String storeId) implements StrictRequest {

        @Override
        public String toString() {
            return "CreateUserRequest[" + roles + "]";
        }
    }

    /**
     * Absent or null: unchanged. {@code roles} replaces the user's roles (scope ids only come with roles; when left
     * out the user keeps their node, or its ancestor at the new level). {@code password} is an admin's reset of
     * someone else's password; users change their own through the password change.
     */
    record UpdateUserRequest(
            UserStatus status,
            @Size(min = 1, max = 5) Set<@NotNull Role> roles,
            @Size(max = 64) String pspId,
            @Size(max = 64) String merchantId,
            @Size(max = 64) String storeId,
            @Size(max = 1024) String password) implements StrictRequest {

        @Override
        public String toString() {
            return "UpdateUserRequest[" + status + ", " + roles + "]";
        }
    }

    /** A user; never their password or its hash. */
    record UserResponse(String id, String email, UserStatus status, List<Role> roles, String pspId,
            String merchantId, String storeId, Instant createdAt, Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "List users", description = "Users within the caller's part of the tree (deleted users "
            + "are left out). Filters: status, role, pspId, merchantId, storeId, q (email contains); cursor "
            + "pagination with startingAfter.")
    CursorPage<UserResponse> list(@AuthenticationPrincipal CallerToken caller,
            @RequestParam(required = false) UserStatus status,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) @Size(max = 64) String pspId,
            @RequestParam(required = false) @Size(max = 64) String merchantId,
            @RequestParam(required = false) @Size(max = 64) String storeId,
            @RequestParam(required = false) @Size(max = 254) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return users.list(Actor.of(caller), new UserService.Filter(status, role, pspId, merchantId, storeId, q),
                limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create user", description = "Email (unique regardless of case; 409 if taken), initial "
            + "password (12 to 128 characters, at most 72 bytes), roles and scope. Audited as user.created.")
    ResponseEntity<UserResponse> create(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CreateUserRequest request, HttpServletRequest http) {
        UserResponse created = users.create(Actor.of(caller), request, ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get user", description = "Another tenant's user, or a deleted one, answers 404.")
    UserResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String id) {
        return users.get(Actor.of(caller), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update user", description = "Status (disable, enable), roles and scope, or a password "
            + "reset, within the granting rules (the caller must be able to grant both the user's current and new "
            + "roles). Disabling, a reset and a role change end the user's sessions. The last active platform admin "
            + "cannot be disabled or demoted (409). Audited: user.disabled, user.enabled, user.roles_changed, "
            + "user.password_reset.")
    UserResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            @Valid @RequestBody UpdateUserRequest request, HttpServletRequest http) {
        return users.update(Actor.of(caller), id, request, ClientAddress.of(http));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete user", description = "Ends the account: it is disabled, its roles removed, its "
            + "sessions revoked and its email released for a new user; the row stays for the audit trail and the "
            + "user is no longer listed (404 afterwards). Audited as user.deleted.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            HttpServletRequest http) {
        users.delete(Actor.of(caller), id, ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }
}
