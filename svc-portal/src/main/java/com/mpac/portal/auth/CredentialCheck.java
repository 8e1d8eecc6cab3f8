package com.mpac.portal.auth;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.mpac.contracts.problem.ApiException;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.session.AttemptThrottle;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;

/**
 * Checks an email and password, with every protection login has: throttled per account and per client address (429
 * with {@code Retry-After}), one answer and the same work (a bcrypt comparison) for an unknown email, a wrong
 * password and a disabled account, failures audited as {@code login.failed}. Login uses it; so should anything else
 * that takes a user's password (e.g. a platform service's credential check over S2S).
 */
@Component
public class CredentialCheck {

    private final UserAccounts accounts;
    private final Passwords passwords;
    private final AttemptThrottle throttle;
    private final AuditLog audit;

    CredentialCheck(UserAccounts accounts, Passwords passwords, AttemptThrottle throttle, AuditLog audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * The active user with this email and password; otherwise 401 {@code invalid_credentials} or 429.
     *
     * @param channel who asks, recorded with failures (e.g. {@code portal}, {@code mia-pos-gateway})
     */
    public UserAccount verify(String typedEmail, String password, String clientAddress, String channel) {
        String email = typedEmail.strip();
        throttle.check(AttemptThrottle.Kind.PASSWORD, email, clientAddress);
        Optional<UserAccount> account = accounts.findByEmail(email);
        boolean passwordMatches = passwords.matches(password, account.map(UserAccount::passwordHash).orElse(null));
        if (!passwordMatches || !account.get().isActive()) {
            // The typed email is not recorded for unknown accounts: people type passwords into the email field.
            String reason = account.isEmpty() ? "unknown_account" : !passwordMatches ? "wrong_password" : "disabled";
            UserAccount user = account.orElse(null);
            audit.record(new AuditEvent("login.failed", null, user == null ? null : user.userId(),
                    user == null ? null : user.pspId(), user == null ? null : user.merchantId(), clientAddress,
                    Map.of("reason", reason, "channel", channel)));
            throttle.failed(AttemptThrottle.Kind.PASSWORD, email, clientAddress);
            throw new ApiException(AuthProblems.INVALID_CREDENTIALS, "The email or password is incorrect.");
        }
        UserAccount user = account.get();
        throttle.succeeded(AttemptThrottle.Kind.PASSWORD, email, clientAddress);
        if (passwords.needsRehash(user.passwordHash())) {
            accounts.updatePasswordHash(user.userId(), passwords.hash(password));
        }
        return user;
    }
}
