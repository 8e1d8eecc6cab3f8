package com.mpac.portal.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.session.ClientAddress;

/** Platform admins acting as another user, for support. */
@RestController
@Tag(name = "Login and sessions")
class ImpersonationController {

    private final Impersonation impersonation;

    ImpersonationController(Impersonation impersonation) {
        this.impersonation = impersonation;
    }

    record ImpersonateRequest(@NotBlank @Size(max = 64) String userId,
            @NotNull @Size(min = Impersonation.MIN_REASON, max = Impersonation.MAX_REASON) String reason,
            @Min(1) @Max(Impersonation.MAX_MINUTES) Integer durationMinutes) {
    }

    record ActorClaim(String sub) {
    }

    record ImpersonationResponse(String accessToken, String tokenType, long expiresIn, String userId,
            ActorClaim act) {
    }

    @PostMapping(path = "/api/v1/auth/admin/impersonate", produces = "application/json")
    @Operation(summary = "Impersonate a user (platform admins only)",
            description = "Answers an access token for the user with act: {sub: <admin>} (RFC 8693) and no refresh "
                    + "token. reason (10 to 500 characters) is required and audited. durationMinutes is 1 to 15 "
                    + "(default 15); the token never outlives a normal access token (10 minutes), so expiresIn is "
                    + "the lesser. Platform admins cannot be impersonated (403); a disabled user answers 409 "
                    + "user_disabled; an impersonation token cannot start another impersonation.")
    ResponseEntity<ImpersonationResponse> impersonate(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody ImpersonateRequest request, HttpServletRequest http) {
        int minutes = request.durationMinutes() == null ? Impersonation.MAX_MINUTES : request.durationMinutes();
        Impersonation.Started started = impersonation.start(caller, request.userId(), request.reason(), minutes,
                ClientAddress.of(http));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ImpersonationResponse(
                started.token().value(), "Bearer", started.expiresIn(), started.target().userId(),
                new ActorClaim(started.adminId())));
    }
}
