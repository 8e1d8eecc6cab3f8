package com.mpac.portal.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;

/**
 * On start-up, creates the first platform admin from {@code MPAC_ADMIN_EMAIL} and {@code MPAC_ADMIN_PASSWORD} when no
 * platform admin exists. There is no default: with neither set nothing is created (production sets them once, for the
 * first start); setting only one, or a password the policy refuses, stops the start.
 */
@Component
class FirstPlatformAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstPlatformAdmin.class);

    private final PlatformAdminBootstrap bootstrap;
    private final AuditLog audit;
    private final String email;
    private final String password;

    FirstPlatformAdmin(JdbcClient jdbc, TransactionTemplate transactions, PasswordEncoder passwordEncoder,
            PasswordPolicy policy, AuditLog audit, @Value("${MPAC_ADMIN_EMAIL:}") String email,
            @Value("${MPAC_ADMIN_PASSWORD:}") String password) {
        this.bootstrap = new PlatformAdminBootstrap(jdbc, transactions, passwordEncoder, policy);
        this.audit = audit;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isBlank() && password.isEmpty()) {
            return;
        }
        if (email.isBlank() || password.isEmpty() || !email.contains("@")) {
            throw new IllegalStateException(
                    "Set both MPAC_ADMIN_EMAIL (an email address) and MPAC_ADMIN_PASSWORD, or neither");
        }
        bootstrap.createIfNoneExists(email, password).ifPresent(userId -> {
            log.info("Created the first platform admin {} ({})", userId, email.strip());
            audit.record(AuditEvent.of("user.bootstrapped", "bootstrap", userId));
        });
    }
}
