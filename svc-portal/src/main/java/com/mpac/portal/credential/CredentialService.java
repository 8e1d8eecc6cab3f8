package com.mpac.portal.credential;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.auth.PasswordPolicy;
import com.mpac.portal.credential.CredentialController.VerifiedUser;
import com.mpac.portal.credential.CredentialController.VerifyRequest;
import com.mpac.portal.registry.Registry;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.session.AttemptThrottle;
import com.mpac.portal.session.UserAccount;
import com.mpac.portal.session.UserAccounts;

/**
 * Checks a store user's password for another platform service. It guards the same secret as login, so it is
 * throttled with login's budgets: the account's (shared with the portal's own login, so guessing through a
 * service gains nothing) and the caller's, keyed by the service and the end user's address when it is passed. Every
 * refusal is the same answer after the same work: a password is compared with a dummy hash when there is no
 * account, so neither the answer nor its timing tells which emails exist.
 */
@Service
class CredentialService {

    static final ProblemType INVALID_CREDENTIALS = new ProblemType("invalid_credentials", HttpStatus.UNAUTHORIZED,
            "Invalid credentials");

    private static final List<String> STORE_ROLES = List.of("STORE_MANAGER", "CASHIER");

    private final UserAccounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final AttemptThrottle throttle;
    private final Registry registry;
    private final AuditLog audit;
    private final String dummyHash;

    CredentialService(UserAccounts accounts, PasswordEncoder passwordEncoder, AttemptThrottle throttle,
            Registry registry, AuditLog audit) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.registry = registry;
        this.audit = audit;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    VerifiedUser verify(String service, VerifyRequest request) {
        String email = request.email().strip();
        String callerKey = "s2s:" + service + (request.clientAddress() == null ? "" : ":" + request.clientAddress());
        throttle.check(AttemptThrottle.Kind.PASSWORD, email, callerKey);

        Optional<UserAccount> account = accounts.findByEmail(email);
        boolean passwordMatches = matches(request.password(), account.map(UserAccount::passwordHash).orElse(null));
        List<String> roles = account.map(a -> a.roles().stream().filter(STORE_ROLES::contains).toList())
                .orElse(List.of());
        boolean allowed = passwordMatches && account.isPresent() && account.get().isActive()
                && account.get().storeId() != null && !roles.isEmpty()
                && (request.storeId() == null || request.storeId().equals(account.get().storeId()))
                && storeOpen(account.get().storeId());
        if (!allowed) {
            audit.record(new AuditEvent("credential_check.failed", service,
                    account.map(UserAccount::userId).orElse(null), account.map(UserAccount::pspId).orElse(null),
                    account.map(UserAccount::merchantId).orElse(null), request.clientAddress(),
                    Map.of("caller", service)));
            // 429 instead when this failure locked the account or the caller.
            throttle.failed(AttemptThrottle.Kind.PASSWORD, email, callerKey);
            throw new ApiException(INVALID_CREDENTIALS, "The credentials are not valid for a store login.");
        }
        UserAccount user = account.get();
        throttle.succeeded(AttemptThrottle.Kind.PASSWORD, email, callerKey);
        audit.record(new AuditEvent("credential_check.succeeded", service, user.userId(), user.pspId(),
                user.merchantId(), request.clientAddress(), Map.of("caller", service, "storeId", user.storeId())));
        return new VerifiedUser(user.userId(), user.email(), user.storeId(), user.merchantId(), user.pspId(), roles);
    }

    /** A store whose store, merchant and PSP are all active: anything else takes no payments and no logins. */
    private boolean storeOpen(String storeId) {
        return registry.find(Kind.STORE, storeId)
                .filter(Registry.Node::isActive)
                .flatMap(store -> registry.find(Kind.MERCHANT, store.merchantId()))
                .filter(Registry.Node::isActive)
                .flatMap(merchant -> registry.find(Kind.PSP, merchant.pspId()))
                .filter(Registry.Node::isActive)
                .isPresent();
    }

    private boolean matches(String raw, String hash) {
        if (hash == null || raw.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            passwordEncoder.matches("x", dummyHash);
            return false;
        }
        try {
            return passwordEncoder.matches(raw, hash);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
