package com.mpac.portal.apiuser;

import java.net.URI;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.StrictRequest;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/merchants/{merchantId}/api-users")
@Tag(name = "Merchant API users", description = "Machine users of the Magensa-compatible Payment Request API, "
        + "which authenticates with Basic 'CustomerCode/Username:Password'. The customer code is the merchant's "
        + "Magensa customer code; the password is kept only as a slow hash ({bcrypt}), and only that hash reaches "
        + "payment-request through the configuration push.")
class ApiUserController {

    /** No ':' or '/': they separate the parts of Magensa's Basic credentials. */
    static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

    private final ApiUserService apiUsers;

    ApiUserController(ApiUserService apiUsers) {
        this.apiUsers = apiUsers;
    }

    enum ApiUserStatus {
        ACTIVE, DISABLED
    }

    /** {@code customerCode} may be given as a check; it must be the merchant's Magensa customer code. */
    record CreateApiUserRequest(
            @Size(max = 64) String customerCode,
            @NotBlank @Pattern(regexp = USERNAME) String username,
            @NotNull @Size(max = 1024) String password) implements StrictRequest {

        @Override
        public String toString() {
            return "CreateApiUserRequest[" + username + "]";
        }
    }

    /** Absent or null: unchanged. */
    record UpdateApiUserRequest(
            @Pattern(regexp = USERNAME) String username,
            @Size(max = 1024) String password,
            ApiUserStatus status) implements StrictRequest {

        @Override
        public String toString() {
            return "UpdateApiUserRequest[" + username + ", " + status + "]";
        }
    }

    /** An API user; never the password or its hash. */
    record ApiUserResponse(String id, String merchantId, String customerCode, String username, ApiUserStatus status,
            Instant createdAt, Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "List API users", description = "Merchant admins and above. Filter: status; cursor "
            + "pagination with startingAfter.")
    CursorPage<ApiUserResponse> list(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @RequestParam(required = false) ApiUserStatus status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return apiUsers.list(Actor.of(caller), merchantId, status, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create API user", description = "The merchant needs a Magensa customer code (409 "
            + "magensa_not_configured otherwise). Usernames are unique per merchant regardless of case (409). "
            + "At most 100 per merchant.")
    ResponseEntity<ApiUserResponse> create(@AuthenticationPrincipal CallerToken caller,
            @PathVariable String merchantId, @Valid @RequestBody CreateApiUserRequest request,
            HttpServletRequest http) {
        ApiUserResponse created = apiUsers.create(Actor.of(caller), merchantId, request, ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/merchants/" + merchantId + "/api-users/" + created.id()))
                .body(created);
    }

    @GetMapping("/{apiUserId}")
    @Operation(summary = "Get API user")
    ApiUserResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String apiUserId) {
        return apiUsers.get(Actor.of(caller), merchantId, apiUserId);
    }

    @PatchMapping("/{apiUserId}")
    @Operation(summary = "Update API user", description = "Username, a new password, status (ACTIVE, DISABLED).")
    ApiUserResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String apiUserId, @Valid @RequestBody UpdateApiUserRequest request,
            HttpServletRequest http) {
        return apiUsers.update(Actor.of(caller), merchantId, apiUserId, request, ClientAddress.of(http));
    }

    @DeleteMapping("/{apiUserId}")
    @Operation(summary = "Delete API user", description = "Removed here and, through the push, at payment-request.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String apiUserId, HttpServletRequest http) {
        apiUsers.delete(Actor.of(caller), merchantId, apiUserId, ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }
}
