package com.mpac.portal.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.contracts.problem.ApiException;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.signing.HumanTokens;

/**
 * Login sessions: the token pair a completed login answers, and the rotating refresh tokens behind it. A refresh
 * token is 256 random bits, stored only as its SHA-256; each use retires it and issues the next one in the same
 * family. A retired token presented again means two parties hold it, so the whole family is revoked and the event
 * audited. Access tokens are not revocable: they expire by themselves within their short lifetime.
 */
@Component
public class Sessions {

    private static final String PREFIX = "rt_";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final HumanTokens tokens;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final SessionProperties properties;
    private final SecureRandom random = new SecureRandom();

    Sessions(JdbcClient jdbc, TransactionTemplate transactions, HumanTokens tokens, UserAccounts accounts,
            AuditLog audit, Clock clock, SessionProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new session for a user who just authenticated with {@code amr} (RFC 8176 values). */
    public TokenPair start(UserAccount user, List<String> amr) {
        Instant now = clock.instant();
        String familyId = "rtf_" + UUID.randomUUID();
        Instant familyExpiresAt = now.plus(properties.familyLifetime());
        return transactions.execute(status -> {
            jdbc.sql("""
                    INSERT INTO refresh_family (family_id, user_id, amr, created_at, expires_at)
                    VALUES (:family, :user, string_to_array(:amr, ','), :now, :expires)
                    """)
                    .param("family", familyId).param("user", user.userId()).param("amr", String.join(",", amr))
                    .param("now", at(now)).param("expires", at(familyExpiresAt))
                    .update();
            String refreshToken = insertToken(familyId, now, familyExpiresAt);
            return pair(user, amr, now, refreshToken);
        });
    }

    /**
     * The next token pair for a refresh token. Refused (401) when the token is unknown, expired or revoked, when its
     * user is disabled, and when it was already used, which also revokes its family.
     */
    public TokenPair refresh(String refreshToken, String clientAddress) {
        String hash = hash(refreshToken);
        Outcome outcome = transactions.execute(status -> rotate(hash));
        if (outcome instanceof Outcome.Reused reused) {
            audit.record(new AuditEvent("refresh.reused", null, reused.userId(), null, null, clientAddress,
                    Map.of("familyId", reused.familyId(), "familyRevoked", true)));
        }
        if (outcome instanceof Outcome.Rotated rotated) {
            return rotated.pair();
        }
        throw new ApiException(SessionProblems.INVALID_REFRESH_TOKEN,
                "The refresh token is invalid, expired or revoked. Log in again.");
    }

    /** Ends the session the refresh token belongs to. Unknown tokens are ignored: logging out twice is harmless. */
    public void logout(String refreshToken, String clientAddress) {
        jdbc.sql("""
                UPDATE refresh_family f SET revoked_at = :now, revoked_reason = 'logout'
                FROM refresh_token t
                WHERE t.token_hash = :hash AND t.family_id = f.family_id AND f.revoked_at IS NULL
                RETURNING f.user_id, f.family_id
                """)
                .param("now", at(clock.instant())).param("hash", hash(refreshToken))
                .query((rs, n) -> new AuditEvent("logout", rs.getString(1), rs.getString(1), null, null, clientAddress,
                        Map.of("familyId", rs.getString(2))))
                .optional()
                .ifPresent(audit::record);
    }

    /**
     * Revokes every session of a user (password change, user disabled, roles changed); answers how many were live.
     * Access tokens already issued stay valid until they expire.
     */
    public int revokeAll(String userId, String reason) {
        return jdbc.sql("""
                UPDATE refresh_family SET revoked_at = :now, revoked_reason = :reason
                WHERE user_id = :user AND revoked_at IS NULL
                """)
                .param("now", at(clock.instant())).param("reason", reason).param("user", userId)
                .update();
    }

    /** Deletes sessions that ended more than a day ago and can no longer be used or reused. */
    int purgeEnded() {
        return jdbc.sql("""
                DELETE FROM refresh_family
                WHERE expires_at < :cutoff OR revoked_at < :cutoff
                """)
                .param("cutoff", at(clock.instant().minus(Duration.ofDays(1))))
                .update();
    }

    private Outcome rotate(String hash) {
        Instant now = clock.instant();
        // The family row's lock serialises concurrent refreshes: the second sees the token retired, a reuse.
        var found = jdbc.sql("""
                SELECT t.family_id, t.idle_expires_at, t.rotated_at, f.user_id, f.expires_at, f.revoked_at,
                       array_to_string(f.amr, ',') AS amr
                FROM refresh_token t JOIN refresh_family f ON f.family_id = t.family_id
                WHERE t.token_hash = :hash
                FOR UPDATE OF f
                """)
                .param("hash", hash)
                .query((rs, n) -> new Found(rs.getString("family_id"), rs.getString("user_id"),
                        rs.getObject("idle_expires_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("rotated_at", OffsetDateTime.class) != null,
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("revoked_at", OffsetDateTime.class) != null,
                        Arrays.asList(rs.getString("amr").split(","))))
                .optional();
        if (found.isEmpty()) {
            return new Outcome.Refused();
        }
        Found token = found.get();
        if (token.revoked()) {
            return new Outcome.Refused();
        }
        if (token.rotated()) {
            revokeFamily(token.familyId(), "reused", now);
            return new Outcome.Reused(token.userId(), token.familyId());
        }
        if (!now.isBefore(token.idleExpiresAt()) || !now.isBefore(token.familyExpiresAt())) {
            return new Outcome.Refused();
        }
        UserAccount user = accounts.findById(token.userId()).filter(UserAccount::isActive).orElse(null);
        if (user == null) {
            revokeFamily(token.familyId(), "user_disabled", now);
            return new Outcome.Refused();
        }
        jdbc.sql("UPDATE refresh_token SET rotated_at = :now WHERE token_hash = :hash")
                .param("now", at(now)).param("hash", hash)
                .update();
        String next = insertToken(token.familyId(), now, token.familyExpiresAt());
        return new Outcome.Rotated(pair(user, token.amr(), now, next));
    }

    private void revokeFamily(String familyId, String reason, Instant now) {
        jdbc.sql("""
                UPDATE refresh_family SET revoked_at = :now, revoked_reason = :reason
                WHERE family_id = :family AND revoked_at IS NULL
                """)
                .param("now", at(now)).param("reason", reason).param("family", familyId)
                .update();
    }

    private String insertToken(String familyId, Instant now, Instant familyExpiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant idle = now.plus(properties.idleLifetime());
        jdbc.sql("""
                INSERT INTO refresh_token (token_hash, family_id, created_at, idle_expires_at)
                VALUES (:hash, :family, :now, :idle)
                """)
                .param("hash", hash(token)).param("family", familyId).param("now", at(now))
                .param("idle", at(idle.isBefore(familyExpiresAt) ? idle : familyExpiresAt))
                .update();
        return token;
    }

    private TokenPair pair(UserAccount user, List<String> amr, Instant now, String refreshToken) {
        HumanTokens.IssuedToken access = tokens.issue(user.holder(), amr);
        return TokenPair.bearer(access.value(), Math.max(0, Duration.between(now, access.expiresAt()).toSeconds()),
                refreshToken);
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Found(String familyId, String userId, Instant idleExpiresAt, boolean rotated,
            Instant familyExpiresAt, boolean revoked, List<String> amr) {
    }

    private sealed interface Outcome {

        record Rotated(TokenPair pair) implements Outcome {
        }

        record Reused(String userId, String familyId) implements Outcome {
        }

        record Refused() implements Outcome {
        }
    }
}
