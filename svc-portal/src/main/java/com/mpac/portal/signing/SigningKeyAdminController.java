package com.mpac.portal.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.jwt.TokenKind;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;

/**
 * Rotation on an admin's request (e.g. a suspected key compromise), besides the schedule. The retired key stays
 * published until every token it signed has expired, so rotating never breaks a token already issued.
 */
@RestController
@Tag(name = "Keys")
class SigningKeyAdminController {

    private final SigningKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    SigningKeyAdminController(SigningKeys keys, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** The key that now signs, and the one it replaced (still published until its tokens expire). */
    record RotationResponse(String kind, String kid, String previousKid, Instant rotatedAt) {
    }

    @PostMapping("/api/v1/admin/signing-keys/{kind}/rotate")
    @Operation(summary = "Rotate a signing key", description = """
            Platform admins only, not while impersonating. kind is human or device. New tokens of that kind are \
            signed with a new key (new kid) at once; the previous key stays in the JWK Set until its tokens have \
            expired. Audited as signing_key.rotated.""")
    RotationResponse rotate(@AuthenticationPrincipal CallerToken caller, @PathVariable String kind,
            HttpServletRequest request) {
        if (caller.isImpersonation()) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "Signing keys cannot be rotated while impersonating.");
        }
        TokenKind tokenKind = switch (kind.toLowerCase(Locale.ROOT)) {
            case "human" -> TokenKind.HUMAN;
            case "device" -> TokenKind.DEVICE;
            default -> throw new ApiException(ProblemTypes.NOT_FOUND, "No signing key kind '" + kind
                    .replaceAll("[^A-Za-z0-9_-]", "") + "'; use human or device.");
        };
        String previousKid = keys.activeKey(tokenKind).getKeyID();
        String kid = keys.rotate(tokenKind);
        audit.record(new AuditEvent("signing_key.rotated", caller.subject(), kid, null, null, request.getRemoteAddr(),
                Map.of("kind", tokenKind.name(), "previousKid", previousKid, "trigger", "admin")));
        return new RotationResponse(tokenKind.name().toLowerCase(Locale.ROOT), kid, previousKid, clock.instant());
    }
}
