package com.mpac.portal.throttle;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failure counters for guessable secrets (passwords, MFA codes, activation codes), in the database so every portal
 * instance sees the same counts. After {@code maxFailures} failures within {@code window} the bucket is locked for a
 * lockout that doubles with each further lock up to {@code maxLockout}: short enough that an attacker cannot keep a
 * real user out for long, long enough to make guessing hopeless. Callers check {@link #retryAfter} first and answer
 * 429 with {@code Retry-After} while it is present.
 */
@Component
public class Throttle {

    /** How one kind of bucket is throttled. */
    public record Policy(int maxFailures, Duration window, Duration lockout, Duration maxLockout) {
    }

    private final JdbcClient jdbc;

    Throttle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How long the caller must wait, if the bucket is locked now. */
    public Optional<Duration> retryAfter(String bucketKey) {
        return jdbc.sql("""
                SELECT ceil(extract(epoch FROM locked_until - now()))::bigint FROM throttle_bucket
                WHERE bucket_key = :key AND locked_until > now()
                """)
                .param("key", bucketKey)
                .query(Long.class).optional()
                .map(seconds -> Duration.ofSeconds(Math.max(1, seconds)));
    }

    /** Counts a failure in one statement, so concurrent guesses cannot slip past the count. */
    public void recordFailure(String bucketKey, Policy policy) {
        jdbc.sql("""
                INSERT INTO throttle_bucket AS b (bucket_key, failures, window_start, locked_until)
                VALUES (:key, 1, now(), CASE WHEN :max <= 1 THEN now() + make_interval(secs => :lockout) END)
                ON CONFLICT (bucket_key) DO UPDATE SET
                    failures = CASE WHEN b.window_start < now() - make_interval(secs => :window) THEN 1
                                    ELSE b.failures + 1 END,
                    window_start = CASE WHEN b.window_start < now() - make_interval(secs => :window) THEN now()
                                        ELSE b.window_start END,
                    locked_until = CASE
                        WHEN b.window_start >= now() - make_interval(secs => :window) AND b.failures + 1 >= :max
                        THEN now() + make_interval(secs => least(:maxLockout,
                                 :lockout * power(2, greatest(0, b.failures + 1 - :max))))
                        ELSE b.locked_until END
                """)
                .param("key", bucketKey)
                .param("max", policy.maxFailures())
                .param("window", policy.window().toSeconds())
                .param("lockout", policy.lockout().toSeconds())
                .param("maxLockout", policy.maxLockout().toSeconds())
                .update();
    }

    /** A success clears the bucket: a user who finally gets it right starts afresh. */
    public void reset(String bucketKey) {
        jdbc.sql("DELETE FROM throttle_bucket WHERE bucket_key = :key").param("key", bucketKey).update();
    }

    public int purgeIdle(Duration idle) {
        return jdbc.sql("""
                DELETE FROM throttle_bucket
                WHERE window_start < now() - make_interval(secs => :idle)
                  AND (locked_until IS NULL OR locked_until < now())
                """)
                .param("idle", idle.toSeconds())
                .update();
    }
}
