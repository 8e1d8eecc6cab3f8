package com.mpac.portal.mfa;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.qr.QrCodeImage;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.session.AttemptThrottle;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;

/**
 * A logged-in user's own MFA: enrol an authenticator, confirm it with a first code, regenerate recovery codes and
 * disable MFA. Changing a factor takes a current code, throttled like login codes, so a stolen access token alone
 * cannot replace or remove it; an admin impersonating the user cannot touch it at all.
 */
@Component
class MfaEnrolment {

    private final MfaFactors factors;
    private final UserAccounts accounts;
    private final AttemptThrottle throttle;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    MfaEnrolment(MfaFactors factors, UserAccounts accounts, AttemptThrottle throttle, AuditLog audit,
            TransactionTemplate transactions) {
        this.factors = factors;
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
    }

    record State(MfaFactors.Status status, int recoveryCodesRemaining) {
    }

    State state(CallerToken caller) {
        UserAccount user = user(caller);
        MfaFactors.Status status = factors.status(user.userId());
        int remaining = (status == MfaFactors.Status.ACTIVE) ? factors.remainingRecoveryCodes(user.userId()) : 0;
        return new State(status, remaining);
    }

    MfaFactors.Enrolment start(CallerToken caller, String clientAddress) {
        UserAccount user = changeableBy(caller);
        MfaFactors.Enrolment enrolment = factors.startEnrolment(user);
        audit.record(event("mfa.enrolment_started", user, clientAddress, Map.of()));
        return enrolment;
    }

    byte[] pendingQrPng(CallerToken caller) {
        UserAccount user = changeableBy(caller);
        return QrCodeImage.png(factors.pendingUri(user).orElseThrow(() -> new ApiException(
                MfaProblems.MFA_ENROLMENT_NOT_STARTED, "No enrolment is in progress.")));
    }

    List<String> confirm(CallerToken caller, String code, String clientAddress) {
        UserAccount user = changeableBy(caller);
        throttle.check(AttemptThrottle.Kind.MFA_CODE, user.userId(), clientAddress);
        List<String> recoveryCodes = codeChecked(user, clientAddress, () -> factors.confirm(user.userId(), code)
                .isPresent() ? Optional.of(factors.newRecoveryCodes(user.userId())) : Optional.empty())
                .orElseThrow(rejected(user, "confirm", clientAddress));
        audit.record(event("mfa.enrolled", user, clientAddress, Map.of("method", "totp")));
        return recoveryCodes;
    }

    List<String> regenerateRecoveryCodes(CallerToken caller, String code, String clientAddress) {
        UserAccount user = activeFactorOf(caller);
        throttle.check(AttemptThrottle.Kind.MFA_CODE, user.userId(), clientAddress);
        List<String> recoveryCodes = codeChecked(user, clientAddress, () -> factors.acceptCode(user.userId(), code)
                ? Optional.of(factors.newRecoveryCodes(user.userId())) : Optional.empty())
                .orElseThrow(rejected(user, "regenerate_recovery_codes", clientAddress));
        audit.record(event("mfa.recovery_codes_regenerated", user, clientAddress, Map.of()));
        return recoveryCodes;
    }

    void disable(CallerToken caller, String code, String recoveryCode, String clientAddress) {
        UserAccount user = activeFactorOf(caller);
        throttle.check(AttemptThrottle.Kind.MFA_CODE, user.userId(), clientAddress);
        codeChecked(user, clientAddress, () -> {
            boolean accepted = (code != null) ? factors.acceptCode(user.userId(), code)
                    : factors.acceptRecoveryCode(user.userId(), recoveryCode);
            if (accepted) {
                factors.disable(user.userId());
            }
            return accepted ? Optional.of(true) : Optional.<Boolean>empty();
        }).orElseThrow(rejected(user, "disable", clientAddress));
        audit.record(event("mfa.disabled", user, clientAddress,
                Map.of("method", code != null ? "totp" : "recovery_code")));
    }

    /**
     * Runs a change that a code authorises, in one transaction; empty when the code was wrong. A right code arriving
     * once guessing is locked is answered 429 and the change rolled back.
     */
    private <T> Optional<T> codeChecked(UserAccount user, String clientAddress, Supplier<Optional<T>> change) {
        return transactions.execute(status -> {
            Optional<T> result = change.get();
            if (result.isPresent()) {
                throttle.succeeded(AttemptThrottle.Kind.MFA_CODE, user.userId(), clientAddress);
            }
            return result;
        });
    }

    private Supplier<ApiException> rejected(UserAccount user, String operation, String clientAddress) {
        return () -> {
            audit.record(event("mfa.failed", user, clientAddress, Map.of("operation", operation)));
            throttle.failed(AttemptThrottle.Kind.MFA_CODE, user.userId(), clientAddress);
            return new ApiException(MfaProblems.MFA_CODE_REJECTED, "The code is wrong or was already used.");
        };
    }

    private UserAccount activeFactorOf(CallerToken caller) {
        UserAccount user = changeableBy(caller);
        if (factors.status(user.userId()) != MfaFactors.Status.ACTIVE) {
            throw new ApiException(MfaProblems.MFA_NOT_ENABLED, "MFA is not enabled.");
        }
        return user;
    }

    private UserAccount changeableBy(CallerToken caller) {
        if (caller.isImpersonation()) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "MFA cannot be changed while impersonating a user.");
        }
        return user(caller);
    }

    private UserAccount user(CallerToken caller) {
        return accounts.findById(caller.subject()).filter(UserAccount::isActive)
                .orElseThrow(() -> new ApiException(ProblemTypes.FORBIDDEN, "The account is not active."));
    }

    private static AuditEvent event(String type, UserAccount user, String clientAddress, Map<String, Object> details) {
        return new AuditEvent(type, user.userId(), user.userId(), user.pspId(), user.merchantId(), clientAddress,
                details);
    }
}
