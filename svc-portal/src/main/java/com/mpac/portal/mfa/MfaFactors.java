package com.mpac.portal.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.crypto.Sha256;
import com.mpac.contracts.problem.ApiException;
import com.mpac.portal.session.UserAccount;

/**
 * Users' TOTP factors and recovery codes in {@code user_mfa} and {@code mfa_recovery_code}. Every check that accepts a
 * code also consumes it in the same statement, so two requests cannot both use one code. Callers wrap multi-step
 * changes in a transaction.
 */
@Component
public class MfaFactors {

    static final int RECOVERY_CODES = 10;
    // Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
    private static final String RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int SECRET_BYTES = 20;

    enum Status {
        NONE, PENDING, ACTIVE
    }

    /** A started enrolment: the secret in base32 and the otpauth URI authenticator apps scan. */
    record Enrolment(String secret, String otpauthUri) {
    }

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final String issuer;
    private final SecureRandom random = new SecureRandom();

    MfaFactors(JdbcClient jdbc, SecretCipher cipher, Clock clock, MfaProperties properties) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.issuer = properties.issuer();
    }

    /** Whether login must ask this user for a second factor. */
    public boolean isActive(String userId) {
        return status(userId) == Status.ACTIVE;
    }

    Status status(String userId) {
        return jdbc.sql("SELECT status FROM user_mfa WHERE user_id = :user").param("user", userId)
                .query(String.class).optional().map(Status::valueOf).orElse(Status.NONE);
    }

    int remainingRecoveryCodes(String userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_recovery_code WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId).query(Integer.class).single();
    }

    /** A new pending secret (replacing any earlier unconfirmed one); refused while a factor is active. */
    Enrolment startEnrolment(UserAccount user) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String base32 = Totp.base32(secret);
        int written = jdbc.sql("""
                INSERT INTO user_mfa AS m (user_id, secret, status) VALUES (:user, :secret, 'PENDING')
                ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), last_used_step = NULL
                WHERE m.status = 'PENDING'
                """)
                .param("user", user.userId()).param("secret", cipher.encrypt(base32, context(user.userId())))
                .update();
        if (written == 0) {
            throw new ApiException(MfaProblems.MFA_ALREADY_ENABLED,
                    "MFA is already enabled. Disable it first to enrol a new authenticator.");
        }
        return new Enrolment(base32, otpauthUri(user.email(), base32));
    }

    /** The otpauth URI of the user's pending enrolment, for the QR code. */
    Optional<String> pendingUri(UserAccount user) {
        return secret(user.userId(), Status.PENDING).map(s -> otpauthUri(user.email(), s.base32()));
    }

    /**
     * Activates the pending factor if {@code code} is current for its secret; the code counts as used. Empty when the
     * code is wrong.
     */
    OptionalLong confirm(String userId, String code) {
        StoredSecret pending = secret(userId, Status.PENDING).orElseThrow(() -> new ApiException(
                MfaProblems.MFA_ENROLMENT_NOT_STARTED, "Start an enrolment first, then confirm it with a code."));
        OptionalLong step = Totp.matchingStep(Totp.fromBase32(pending.base32()), code, currentStep());
        if (step.isEmpty()) {
            return step;
        }
        // Only the secret the user scanned: a concurrent re-enrolment replaced it, and this code is for the old one.
        int activated = jdbc.sql("""
                UPDATE user_mfa SET status = 'ACTIVE', activated_at = now(), last_used_step = :step
                WHERE user_id = :user AND status = 'PENDING' AND secret = :stored
                """)
                .param("step", step.getAsLong()).param("user", userId).param("stored", pending.stored())
                .update();
        return activated == 1 ? step : OptionalLong.empty();
    }

    /** Accepts a current code of the user's active factor, once: its step must be newer than the last one used. */
    boolean acceptCode(String userId, String code) {
        Optional<StoredSecret> active = secret(userId, Status.ACTIVE);
        if (active.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(Totp.fromBase32(active.get().base32()), code, currentStep());
        if (step.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                UPDATE user_mfa SET last_used_step = :step
                WHERE user_id = :user AND status = 'ACTIVE' AND (last_used_step IS NULL OR last_used_step < :step)
                """)
                .param("step", step.getAsLong()).param("user", userId)
                .update() == 1;
    }

    /** Accepts an unused recovery code of a user with an active factor, and marks it used. */
    boolean acceptRecoveryCode(String userId, String code) {
        return jdbc.sql("""
                UPDATE mfa_recovery_code SET used_at = :now
                WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL
                  AND EXISTS (SELECT 1 FROM user_mfa WHERE user_id = :user AND status = 'ACTIVE')
                """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("user", userId)
                .param("hash", recoveryHash(userId, code))
                .update() == 1;
    }

    /** Replaces the user's recovery codes with ten new ones; answers them (they are shown once, stored hashed). */
    List<String> newRecoveryCodes(String userId) {
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :user").param("user", userId).update();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = recoveryCode();
            codes.add(code);
            jdbc.sql("INSERT INTO mfa_recovery_code (user_id, code_hash) VALUES (:user, :hash)")
                    .param("user", userId).param("hash", recoveryHash(userId, code))
                    .update();
        }
        return codes;
    }

    void disable(String userId) {
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :user").param("user", userId).update();
        jdbc.sql("DELETE FROM user_mfa WHERE user_id = :user").param("user", userId).update();
    }

    private long currentStep() {
        return Totp.step(clock.instant());
    }

    private Optional<StoredSecret> secret(String userId, Status status) {
        return jdbc.sql("SELECT secret FROM user_mfa WHERE user_id = :user AND status = :status")
                .param("user", userId).param("status", status.name())
                .query(String.class).optional()
                .map(stored -> new StoredSecret(stored, cipher.decrypt(stored, context(userId))));
    }

    private String otpauthUri(String email, String base32) {
        // Key URI format: label "issuer:account", issuer repeated as a parameter; the six-digit SHA-1 defaults spelled
        // out for apps that do not assume them.
        return "otpauth://totp/" + encode(issuer) + ":" + encode(email) + "?secret=" + base32 + "&issuer="
                + encode(issuer) + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
    }

    private String recoveryCode() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    /** Case, dashes and spaces do not matter, and the letters Crockford's alphabet leaves out read as digits. */
    static String normaliseRecoveryCode(String code) {
        return code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "").replace('i', '1').replace('l', '1')
                .replace('o', '0');
    }

    private static String recoveryHash(String userId, String code) {
        return Sha256.hex((userId + ":" + normaliseRecoveryCode(code)).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        // '@' is legal in a URI path; '+' must not read as a space.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }

    private static String context(String userId) {
        return "user_mfa:" + userId;
    }

    private record StoredSecret(String stored, String base32) {
    }
}
