package com.mpac.portal.mfa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mpac.contracts.crypto.Sha256;

/**
 * The second step of a login with MFA: after the password, a short-lived, single-use {@code mfaToken} (256 random
 * bits, stored as its SHA-256) that {@code /mfa/verify} exchanges, with a code, for the token pair.
 */
@Component
public class MfaChallenges {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final int maxFailures;
    private final SecureRandom random = new SecureRandom();

    MfaChallenges(JdbcClient jdbc, Clock clock, MfaProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = properties.challengeLifetime();
        this.maxFailures = properties.challengeMaxFailures();
    }

    /** The token the client sends back with the code, and how many seconds it has. */
    public record Challenge(String mfaToken, long expiresIn) {
    }

    public Challenge create(String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "mfa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO mfa_challenge (token_hash, user_id, created_at, expires_at)
                VALUES (:hash, :user, :now, :expires)
                """)
                .param("hash", hash(token)).param("user", userId).param("now", at(now))
                .param("expires", at(now.plus(lifetime)))
                .update();
        return new Challenge(token, lifetime.toSeconds());
    }

    /** The user a live challenge (unused, unexpired, not burnt) belongs to. */
    Optional<String> liveUser(String token) {
        return jdbc.sql("""
                SELECT user_id FROM mfa_challenge
                WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now AND failed_attempts < :max
                """)
                .param("hash", hash(token)).param("now", at(clock.instant())).param("max", maxFailures)
                .query(String.class).optional();
    }

    /** Uses the challenge up; false if another request used it first or it died meanwhile. */
    boolean consume(String token) {
        return jdbc.sql("""
                UPDATE mfa_challenge SET used_at = :now
                WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now AND failed_attempts < :max
                """)
                .param("hash", hash(token)).param("now", at(clock.instant())).param("max", maxFailures)
                .update() == 1;
    }

    /** A wrong code: after a few the challenge is burnt and the user must enter the password again. */
    void recordWrongCode(String token) {
        jdbc.sql("UPDATE mfa_challenge SET failed_attempts = failed_attempts + 1 WHERE token_hash = :hash")
                .param("hash", hash(token)).update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.sql("DELETE FROM mfa_challenge WHERE expires_at < :cutoff")
                .param("cutoff", at(clock.instant().minus(Duration.ofHours(1))))
                .update();
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
