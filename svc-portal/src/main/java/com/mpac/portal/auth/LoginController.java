package com.mpac.portal.auth;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.mfa.MfaFactors;
import com.mpac.portal.session.ClientAddress;
import com.mpac.portal.session.TokenPair;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;

/** Password login, password change and "who am I". */
@RestController
@Tag(name = "Login and sessions")
class LoginController {

    private final LoginService login;
    private final UserAccounts accounts;
    private final MfaFactors mfa;

    LoginController(LoginService login, UserAccounts accounts, MfaFactors mfa) {
        this.login = login;
        this.accounts = accounts;
        this.mfa = mfa;
    }

    // Generous upper bounds: enough for any real address or passphrase, small enough that nobody hashes megabytes.
    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotNull @Size(max = 1024) String password) {
    }

    /** Either the token pair fields or the MFA challenge fields; absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginResponse(String accessToken, String tokenType, Long expiresIn, String refreshToken,
            Boolean mfaRequired, String mfaToken) {

        static LoginResponse of(LoginService.Outcome outcome) {
            return switch (outcome) {
                case LoginService.Outcome.Tokens(TokenPair pair) -> new LoginResponse(pair.accessToken(),
                        pair.tokenType(), pair.expiresIn(), pair.refreshToken(), null, null);
                case LoginService.Outcome.MfaRequired(var challenge) -> new LoginResponse(null, null,
                        challenge.expiresIn(), null, true, challenge.mfaToken());
            };
        }
    }

    record PasswordChangeRequest(@NotNull @Size(max = 1024) String currentPassword,
            @NotNull @Size(max = 1024) String newPassword) {
    }

    record Actor(String sub) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MeResponse(String userId, String email, List<String> roles, String pspId, String merchantId,
            String storeId, List<String> amr, Actor act, boolean impersonation, Boolean mfaEnabled,
            Instant expiresAt) {
    }

    @PostMapping(path = "/api/v1/auth/user/login", produces = "application/json")
    @Operation(summary = "Log in with email and password",
            description = "Without MFA: the token pair {accessToken, tokenType: Bearer, expiresIn, refreshToken}. "
                    + "With MFA enabled: {mfaRequired: true, mfaToken, expiresIn} (5 minutes, single use) for "
                    + "POST /api/v1/auth/user/mfa/verify. An unknown email, a wrong password and a disabled account "
                    + "all answer the same 401 invalid_credentials. Failures are throttled per account (5 in 15 min "
                    + "lock it for 30 s, doubling up to 5 min) and per client address (20 in 15 min): 429 with "
                    + "Retry-After in seconds. The client address is the TCP peer, not X-Forwarded-For.")
    ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(LoginResponse.of(
                login.login(request.email(), request.password(), ClientAddress.of(http))));
    }

    @PostMapping(path = "/api/v1/auth/user/password")
    @Operation(summary = "Change your password",
            description = "Takes the current password and a new one (12 to 128 characters, at most 72 bytes in "
                    + "UTF-8). Revokes every refresh token of the user; access tokens already issued expire by "
                    + "themselves. A wrong current password answers 422 invalid_current_password and is throttled "
                    + "like login. 204 when done. Not allowed with an impersonation token.")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody PasswordChangeRequest request, HttpServletRequest http) {
        login.changePassword(caller, request.currentPassword(), request.newPassword(), ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/api/v1/auth/user/me", produces = "application/json")
    @Operation(summary = "Who am I", description = "The caller as the access token says (user, roles, tenant scope, "
            + "amr, act for an impersonation) plus the account's email and MFA status.")
    MeResponse me(@AuthenticationPrincipal CallerToken caller, Authentication authentication) {
        List<String> amr = null;
        Instant expiresAt = null;
        if (authentication instanceof JwtAuthenticationToken jwt) {
            amr = jwt.getToken().getClaimAsStringList("amr");
            expiresAt = jwt.getToken().getExpiresAt();
        }
        UserAccount account = accounts.findById(caller.subject()).orElse(null);
        return new MeResponse(caller.subject(), account == null ? null : account.email(),
                caller.roles().stream().sorted().toList(), caller.pspId(), caller.merchantId(), caller.storeId(), amr,
                caller.isImpersonation() ? new Actor(caller.actorSubject()) : null, caller.isImpersonation(),
                account == null ? null : mfa.isActive(account.userId()), expiresAt);
    }
}
