package com.mpac.portal.auth;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.mfa.MfaChallenges;
import com.mpac.portal.mfa.MfaFactors;
import com.mpac.portal.session.AttemptThrottle;
import com.mpac.portal.session.Sessions;
import com.mpac.portal.session.TokenPair;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;

/**
 * Password login (checked by {@link CredentialCheck}) and password change.
 */
@Component
class LoginService {

    static final List<String> AMR_PASSWORD = List.of("pwd");

    private final CredentialCheck credentials;
    private final UserAccounts accounts;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final MfaFactors mfa;
    private final MfaChallenges challenges;
    private final Sessions sessions;
    private final AttemptThrottle throttle;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    LoginService(CredentialCheck credentials, UserAccounts accounts, Passwords passwords, PasswordPolicy policy,
            MfaFactors mfa, MfaChallenges challenges, Sessions sessions, AttemptThrottle throttle, AuditLog audit,
            TransactionTemplate transactions) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.mfa = mfa;
        this.challenges = challenges;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** A login's answer: the token pair, or an MFA challenge when the user has MFA enabled. */
    sealed interface Outcome {

        record Tokens(TokenPair pair) implements Outcome {
        }

        record MfaRequired(MfaChallenges.Challenge challenge) implements Outcome {
        }
    }

    Outcome login(String email, String password, String clientAddress) {
        UserAccount user = credentials.verify(email, password, clientAddress, "portal");
        if (mfa.isActive(user.userId())) {
            audit.record(event("login.mfa_required", user, clientAddress, Map.of()));
            return new Outcome.MfaRequired(challenges.create(user.userId()));
        }
        audit.record(event("login.succeeded", user, clientAddress, Map.of("amr", AMR_PASSWORD)));
        return new Outcome.Tokens(sessions.start(user, AMR_PASSWORD));
    }

    /**
     * Sets a new password after checking the current one (throttled like login), then revokes every session of the
     * user: whoever else held a refresh token must log in again, with the new password.
     */
    void changePassword(CallerToken caller, String currentPassword, String newPassword, String clientAddress) {
        if (caller.isImpersonation()) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "The password cannot be changed while impersonating.");
        }
        policy.require("newPassword", newPassword);
        UserAccount user = accounts.findById(caller.subject()).filter(UserAccount::isActive)
                .orElseThrow(() -> new ApiException(ProblemTypes.FORBIDDEN, "The account is not active."));
        throttle.check(AttemptThrottle.Kind.PASSWORD, user.email(), clientAddress);
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            audit.record(event("password.change_failed", user, clientAddress, Map.of("reason", "wrong_password")));
            throttle.failed(AttemptThrottle.Kind.PASSWORD, user.email(), clientAddress);
            throw new ApiException(AuthProblems.INVALID_CURRENT_PASSWORD, "The current password is wrong.");
        }
        throttle.succeeded(AttemptThrottle.Kind.PASSWORD, user.email(), clientAddress);
        if (newPassword.equals(currentPassword)) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "newPassword",
                            "message", "must differ from the current password"))));
        }
        String hash = passwords.hash(newPassword);
        int revoked = transactions.execute(status -> {
            accounts.updatePasswordHash(user.userId(), hash);
            return sessions.revokeAll(user.userId(), "password_changed");
        });
        audit.record(event("password.changed", user, clientAddress, Map.of("sessionsRevoked", revoked)));
    }

    private static AuditEvent event(String type, UserAccount user, String clientAddress, Map<String, Object> details) {
        return new AuditEvent(type, user.userId(), user.userId(), user.pspId(), user.merchantId(), clientAddress,
                details);
    }
}
