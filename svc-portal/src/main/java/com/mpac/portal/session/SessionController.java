package com.mpac.portal.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.portal.registry.StrictRequest;

/** Refresh and logout: anonymous routes, the refresh token in the body is the credential. */
@RestController
@Tag(name = "Login and sessions")
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) implements StrictRequest {
    }

    @PostMapping(path = "/api/v1/auth/user/refresh", produces = "application/json")
    @Operation(summary = "Exchange a refresh token for a new token pair",
            description = "Rotating refresh tokens: the token sent is retired and a new one answered with a new access "
                    + "token. Presenting a retired token again revokes the whole session (all tokens descended from "
                    + "the same login) and answers 401 invalid_refresh_token. A session lives at most 30 days and a "
                    + "refresh token unused for 7 days expires; a disabled user's tokens are refused.")
    ResponseEntity<TokenPair> refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(sessions.refresh(request.refreshToken(), ClientAddress.of(http)));
    }

    @PostMapping(path = "/api/v1/auth/user/logout")
    @Operation(summary = "Log out: revoke the session of a refresh token",
            description = "Revokes the refresh token's session (every refresh token of that login). Access tokens "
                    + "already issued are not revocable and stay valid until they expire (10 minutes at most); "
                    + "clients discard them. Answers 204 whether or not the token was live.")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        sessions.logout(request.refreshToken(), ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }
}
