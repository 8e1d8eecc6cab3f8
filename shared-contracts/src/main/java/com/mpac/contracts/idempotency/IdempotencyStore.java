package com.mpac.contracts.idempotency;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.crypto.SecretCipher;

/**
 * Idempotency keys in the service's own schema (table {@code idempotency_key}). Claiming a key is one insert, so two
 * concurrent requests with the same key cannot both proceed. Stored responses are sealed with the master key, since
 * they may carry secrets that are shown once.
 */
public class IdempotencyStore {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Duration lease;
    private final Duration retention;

    public IdempotencyStore(JdbcClient jdbc, SecretCipher cipher, Duration lease, Duration retention) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.lease = lease;
        this.retention = retention;
    }

    /** What a key held when a request arrived with it. */
    public sealed interface Claim {
    }

    /** The key is this request's now: run it. */
    public record Claimed() implements Claim {
    }

    /** Another request with this key is still running. */
    public record InFlight() implements Claim {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Claim {
    }

    /** The request already ran; answer what it answered. */
    public record Completed(int status, String contentType, byte[] body) implements Claim {
    }

    public Claim claim(String caller, String key, String requestHash) {
        // Committed without waiting for the disk (see NonceStore.markSeen): the request's own synchronous commit
        // flushes this claim with it, and a claim lost in a crash before that guarded nothing.
        int inserted = jdbc.sql("""
                INSERT INTO idempotency_key (caller, idempotency_key, request_hash, state, locked_until)
                SELECT :caller, :key, :hash, 'IN_FLIGHT', now() + make_interval(secs => :lease)
                FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
                ON CONFLICT (caller, idempotency_key) DO NOTHING
                """)
                .param("caller", caller).param("key", key).param("hash", requestHash)
                .param("lease", lease.toSeconds())
                .update();
        if (inserted == 1) {
            return new Claimed();
        }
        Optional<Row> row = jdbc.sql("""
                SELECT request_hash, state, locked_until < now() AS lease_expired,
                       response_status, response_content_type, response_body_sealed
                FROM idempotency_key WHERE caller = :caller AND idempotency_key = :key
                """)
                .param("caller", caller).param("key", key)
                .query((rs, n) -> new Row(rs.getString("request_hash"), rs.getString("state"),
                        rs.getBoolean("lease_expired"), rs.getInt("response_status"),
                        rs.getString("response_content_type"), rs.getString("response_body_sealed")))
                .optional();
        if (row.isEmpty()) {
            // Released between our insert and our read (the first attempt failed): try once more from the start.
            return claim(caller, key, requestHash);
        }
        Row existing = row.get();
        if (!existing.requestHash().equals(requestHash)) {
            return new Mismatch();
        }
        if ("COMPLETED".equals(existing.state())) {
            return new Completed(existing.status(), existing.contentType(),
                    cipher.decryptBytes(existing.sealedBody(), context(caller, key)));
        }
        // A holder whose lease ran out died mid-request; the first retry to take the lease over runs it again.
        if (existing.leaseExpired() && takeOverExpiredLease(caller, key)) {
            return new Claimed();
        }
        return new InFlight();
    }

    private boolean takeOverExpiredLease(String caller, String key) {
        return jdbc.sql("""
                UPDATE idempotency_key SET locked_until = now() + make_interval(secs => :lease)
                WHERE caller = :caller AND idempotency_key = :key AND state = 'IN_FLIGHT' AND locked_until < now()
                """)
                .param("caller", caller).param("key", key).param("lease", lease.toSeconds())
                .update() == 1;
    }

    public void complete(String caller, String key, int status, String contentType, byte[] body) {
        jdbc.sql("""
                UPDATE idempotency_key
                SET state = 'COMPLETED', locked_until = NULL, response_status = :status,
                    response_content_type = :contentType, response_body_sealed = :body, completed_at = now()
                WHERE caller = :caller AND idempotency_key = :key
                """)
                .param("caller", caller).param("key", key).param("status", status)
                .param("contentType", contentType).param("body", cipher.encryptBytes(body, context(caller, key)))
                .update();
    }

    /** Frees the key so the client can retry: the request failed in a way worth retrying. */
    public void release(String caller, String key) {
        jdbc.sql("DELETE FROM idempotency_key WHERE caller = :caller AND idempotency_key = :key AND state = 'IN_FLIGHT'")
                .param("caller", caller).param("key", key)
                .update();
    }

    public int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => :retention)")
                .param("retention", retention.toSeconds())
                .update();
    }

    private static String context(String caller, String key) {
        return "idempotency_key:" + caller + ":" + key;
    }

    private record Row(String requestHash, String state, boolean leaseExpired, int status, String contentType,
            String sealedBody) {
    }
}
