package com.mpac.contracts.hmac;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nonces seen per key, in the service's own schema (table {@code s2s_nonce}), so a replay is caught by whichever
 * instance receives it. One conditional upsert decides: a nonce is fresh if absent or last seen longer ago than
 * the replay window.
 */
public class NonceStore {

    private final JdbcClient jdbc;
    private final Duration replayWindow;

    public NonceStore(JdbcClient jdbc, Duration replayWindow) {
        this.jdbc = jdbc;
        this.replayWindow = replayWindow;
    }

    /**
     * Records the nonce; {@code false} when it was already seen for this key within the replay window.
     * <p>
     * The insert commits without waiting for the disk ({@code synchronous_commit = off} for its transaction only):
     * PostgreSQL's WAL is one ordered log, so the synchronous commit of whatever the request then writes flushes
     * the nonce too. Only a nonce of a request that wrote nothing (a read) can be lost in a database crash, which
     * saves one disk flush on every signed request.
     */
    public boolean markSeen(String keyId, String nonce) {
        int changed = jdbc.sql("""
                INSERT INTO s2s_nonce (key_id, nonce, seen_at)
                SELECT :keyId, :nonce, now()
                FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
                ON CONFLICT (key_id, nonce) DO UPDATE SET seen_at = excluded.seen_at
                WHERE s2s_nonce.seen_at < now() - make_interval(secs => :window)
                """)
                .param("keyId", keyId)
                .param("nonce", nonce)
                .param("window", replayWindow.toSeconds())
                .update();
        return changed == 1;
    }

    public int purgeExpired() {
        return jdbc.sql("DELETE FROM s2s_nonce WHERE seen_at < now() - make_interval(secs => :window)")
                .param("window", replayWindow.toSeconds())
                .update();
    }
}
