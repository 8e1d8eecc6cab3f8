package com.mpac.portal.apikey;

import java.net.URI;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
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
@RequestMapping("/api/v1/merchants/{merchantId}/api-keys")
@Tag(name = "Merchant API keys", description = "S2S HMAC keys of a merchant's back end for mpac-pgw and mq-pay. "
        + "At most two are ACTIVE at a time, so a key can be rotated: create the new one, switch the back end over, "
        + "revoke the old one. Every change is pushed to the payment services.")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    enum ApiKeyStatus {
        ACTIVE, REVOKED
    }

    record CreateApiKeyRequest(@Size(max = 100) @Pattern(regexp = "(?s).*\\S.*") String name)
            implements StrictRequest {
    }

    /** A key as listed: never its secret, only the secret's last four characters to tell keys apart. */
    record ApiKeyResponse(String id, String merchantId, String name, ApiKeyStatus status, String secretLast4,
            String createdBy, Instant createdAt, String revokedBy, Instant revokedAt) {
    }

    /** The answer to a create, the one time the secret is shown. */
    record CreatedApiKeyResponse(String id, String merchantId, String name, ApiKeyStatus status, String secret,
            Instant createdAt) {

        @Override
        public String toString() {
            return "CreatedApiKeyResponse[" + id + "]";
        }
    }

    @GetMapping
    @Operation(summary = "List API keys", description = "Merchant admins and above. Filter: status; cursor "
            + "pagination with startingAfter. Secrets are never listed.")
    CursorPage<ApiKeyResponse> list(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @RequestParam(required = false) ApiKeyStatus status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return keys.list(Actor.of(caller), merchantId, status, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create API key", description = "Answers the key id (mpk_...) and the secret (mps_..., 256 "
            + "random bits) once; only an encrypted copy is kept, because mpac-pgw and mq-pay verify the back end's "
            + "HMAC signatures with the secret itself. 409 limit_reached when two keys are already active.")
    ResponseEntity<CreatedApiKeyResponse> create(@AuthenticationPrincipal CallerToken caller,
            @PathVariable String merchantId, @Valid @RequestBody(required = false) CreateApiKeyRequest request,
            HttpServletRequest http) {
        CreatedApiKeyResponse created = keys.create(Actor.of(caller), merchantId,
                request == null ? null : request.name(), ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/merchants/" + merchantId + "/api-keys/" + created.id()))
                .cacheControl(CacheControl.noStore())
                .body(created);
    }

    @PostMapping("/{keyId}/revoke")
    @Operation(summary = "Revoke API key", description = "The key stops authenticating once the push is applied. "
            + "Revoking a revoked key answers it unchanged.")
    ApiKeyResponse revoke(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String keyId, HttpServletRequest http) {
        return keys.revoke(Actor.of(caller), merchantId, keyId, ClientAddress.of(http));
    }
}
