package com.mpac.portal.auth;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first platform admin when there is none. Several instances may start at once: a transaction-scoped
 * advisory lock lets one decide at a time, so exactly one admin is created and later starts change nothing.
 */
class PlatformAdminBootstrap {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;

    PlatformAdminBootstrap(JdbcClient jdbc, TransactionTemplate transactions, PasswordEncoder encoder,
            PasswordPolicy policy) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.encoder = encoder;
        this.policy = policy;
    }

    /** Answers the new admin's user id, or empty when a platform admin already exists (or the email is taken). */
    Optional<String> createIfNoneExists(String email, String password) {
        return transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('mpac.portal.first-platform-admin'))")
                    .query((rs, n) -> 1).list();
            boolean adminExists = jdbc
                    .sql("SELECT EXISTS (SELECT 1 FROM role_assignment WHERE role = 'PLATFORM_ADMIN')")
                    .query(Boolean.class).single();
            if (adminExists) {
                return Optional.<String>empty();
            }
            policy.violation(password).ifPresent(problem -> {
                throw new IllegalStateException("MPAC_ADMIN_PASSWORD " + problem);
            });
            String userId = "usr_" + UUID.randomUUID().toString().replace("-", "");
            // An existing user with this email is left alone: promoting someone silently is not this code's call.
            int created = jdbc.sql("""
                    INSERT INTO app_user (user_id, email, password_hash, status) VALUES (:id, :email, :hash, 'ACTIVE')
                    ON CONFLICT (lower(email)) DO NOTHING
                    """)
                    .param("id", userId).param("email", email.strip()).param("hash", encoder.encode(password))
                    .update();
            if (created == 0) {
                return Optional.<String>empty();
            }
            jdbc.sql("INSERT INTO role_assignment (user_id, role) VALUES (:id, 'PLATFORM_ADMIN')")
                    .param("id", userId).update();
            return Optional.of(userId);
        });
    }
}
