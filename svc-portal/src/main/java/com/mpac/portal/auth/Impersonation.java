package com.mpac.portal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;
import com.mpac.portal.signing.HumanTokens;

/**
 * A platform admin acting as another user, for support: an access token for the user carrying
 * {@code act: {"sub": <admin>}} (RFC 8693), at most 15 minutes (and never longer than a normal access token), with no
 * refresh token. Platform admins cannot be impersonated, so an impersonation never grants platform rights; every
 * impersonation is audited with its reason.
 */
@Component
class Impersonation {

    static final int MAX_MINUTES = 15;
    static final int MIN_REASON = 10;
    static final int MAX_REASON = 500;

    private final UserAccounts accounts;
    private final HumanTokens tokens;
    private final AuditLog audit;
    private final Clock clock;

    Impersonation(UserAccounts accounts, HumanTokens tokens, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    record Started(HumanTokens.IssuedToken token, long expiresIn, UserAccount target, String adminId) {
    }

    Started start(CallerToken caller, String userId, String reason, int minutes, String clientAddress) {
        String why = reason.strip();
        if (why.length() < MIN_REASON || why.length() > MAX_REASON) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "reason",
                            "message", "must be " + MIN_REASON + " to " + MAX_REASON + " characters"))));
        }
        // The token's role is checked by the filter chain; the account behind it must still hold it now.
        UserAccount admin = caller.isImpersonation() ? null : accounts.findById(caller.subject())
                .filter(UserAccount::isActive).filter(a -> a.hasRole("PLATFORM_ADMIN")).orElse(null);
        if (admin == null) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "Only an active platform admin, acting as themselves, "
                    + "may impersonate.");
        }
        UserAccount target = accounts.findById(userId)
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No such user."));
        if (target.hasRole("PLATFORM_ADMIN")) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "Platform admins cannot be impersonated.");
        }
        if (!target.isActive()) {
            throw new ApiException(AuthProblems.USER_DISABLED, "A disabled user cannot be impersonated.");
        }
        Instant now = clock.instant();
        HumanTokens.IssuedToken token = tokens.impersonate(target.holder(), admin.userId(),
                Duration.ofMinutes(minutes));
        audit.record(new AuditEvent("impersonation.started", admin.userId(), target.userId(), target.pspId(),
                target.merchantId(), clientAddress, Map.of("reason", why, "tokenId", token.tokenId(),
                        "expiresAt", token.expiresAt().toString(), "requestedMinutes", minutes)));
        return new Started(token, Math.max(0, Duration.between(now, token.expiresAt()).toSeconds()), target,
                admin.userId());
    }
}
