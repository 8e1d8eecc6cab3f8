package com.mpac.portal.signing;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.TokenKind;

/** The public halves of the signing keys, one set per token kind, for resource servers to verify tokens. */
@RestController
@Tag(name = "Keys")
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/api/v1/jwks/human", produces = "application/json")
    @Operation(summary = "Human JWT public keys", description = "JWK Set verifying staff and admin access tokens.")
    ResponseEntity<Map<String, Object>> human() {
        return jwks(TokenKind.HUMAN);
    }

    @GetMapping(path = "/api/v1/jwks/device", produces = "application/json")
    @Operation(summary = "Device JWT public keys", description = "JWK Set verifying terminal access tokens.")
    ResponseEntity<Map<String, Object>> device() {
        return jwks(TokenKind.DEVICE);
    }

    private ResponseEntity<Map<String, Object>> jwks(TokenKind kind) {
        // Short caching: a rotated key must reach verifiers well within a token's lifetime.
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.published(kind).toJSONObject(true));
    }
}
