package com.mpac.portal.mfa;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.problem.ApiException;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.session.AttemptThrottle;
import com.mpac.portal.session.Sessions;
import com.mpac.portal.session.TokenPair;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;

/**
 * The second step of a login: an {@code mfaToken} and a TOTP code (or a recovery code) for the token pair. Wrong codes
 * are throttled per account and per client address; a code and a challenge are each used at most once.
 */
@Component
class MfaLogin {

    static final List<String> AMR_TOTP = List.of("pwd", "otp", "mfa");
    static final List<String> AMR_RECOVERY_CODE = List.of("pwd", "mfa");

    private final MfaChallenges challenges;
    private final MfaFactors factors;
    private final UserAccounts accounts;
    private final Sessions sessions;
    private final AttemptThrottle throttle;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    MfaLogin(MfaChallenges challenges, MfaFactors factors, UserAccounts accounts, Sessions sessions,
            AttemptThrottle throttle, AuditLog audit, TransactionTemplate transactions) {
        this.challenges = challenges;
        this.factors = factors;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Exactly one of {@code code} and {@code recoveryCode} is given. */
    TokenPair verify(String mfaToken, String code, String recoveryCode, String clientAddress) {
        throttle.check(AttemptThrottle.Kind.MFA_CODE, null, clientAddress);
        String userId = challenges.liveUser(mfaToken).orElse(null);
        if (userId == null) {
            throttle.failed(AttemptThrottle.Kind.MFA_CODE, null, clientAddress);
            throw invalidToken();
        }
        throttle.check(AttemptThrottle.Kind.MFA_CODE, userId, clientAddress);
        UserAccount user = accounts.findById(userId).filter(UserAccount::isActive).orElseThrow(MfaLogin::invalidToken);
        String method = (code != null) ? "totp" : "recovery_code";

        Result result = transactions.execute(status -> {
            boolean accepted = (code != null) ? factors.acceptCode(userId, code)
                    : factors.acceptRecoveryCode(userId, recoveryCode);
            if (!accepted) {
                return Result.WRONG_CODE;
            }
            if (!challenges.consume(mfaToken)) {
                // Someone used the challenge first: give the code back by rolling its use back.
                status.setRollbackOnly();
                return Result.CHALLENGE_GONE;
            }
            // Before committing: a right code arriving once guessing is locked is answered 429 (the exception rolls
            // back), and uses up neither the code nor the challenge.
            throttle.succeeded(AttemptThrottle.Kind.MFA_CODE, userId, clientAddress);
            return Result.ACCEPTED;
        });

        switch (result) {
            case WRONG_CODE -> {
                challenges.recordWrongCode(mfaToken);
                audit.record(event("mfa.failed", user, clientAddress, Map.of("method", method)));
                throttle.failed(AttemptThrottle.Kind.MFA_CODE, userId, clientAddress);
                throw new ApiException(MfaProblems.INVALID_MFA_CODE,
                        "The code is wrong or was already used. Try the next code.");
            }
            case CHALLENGE_GONE -> throw invalidToken();
            case ACCEPTED -> {
            }
        }
        audit.record(event("mfa.verified", user, clientAddress, Map.of("method", method)));
        return sessions.start(user, code != null ? AMR_TOTP : AMR_RECOVERY_CODE);
    }

    private static AuditEvent event(String type, UserAccount user, String clientAddress, Map<String, Object> details) {
        return new AuditEvent(type, user.userId(), user.userId(), user.pspId(), user.merchantId(), clientAddress,
                details);
    }

    private static ApiException invalidToken() {
        return new ApiException(MfaProblems.INVALID_MFA_TOKEN,
                "The MFA token is invalid, expired or already used. Log in again.");
    }

    private enum Result {
        ACCEPTED, WRONG_CODE, CHALLENGE_GONE
    }
}
