package com.mpac.contracts.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An adapter's events to mpac-pgw (its rail's outcomes), from a transactional outbox: {@link #record} writes an
 * event in the caller's transaction into the service's {@code gateway_event} table, and {@link #deliverDue} sends
 * due events as Standard Webhooks, at least once. Rows are claimed for a lease with {@code FOR UPDATE SKIP LOCKED}
 * (several instances share the work), sent outside any database transaction, and retried with exponential backoff
 * and jitter (1 s doubling, capped at an hour) until the gateway answers 2xx. The {@code webhook-id} is the event's
 * id on every retry, so the gateway deduplicates. Without a secret nothing is sent (the events wait in the outbox).
 */
public final class GatewayEventOutbox {

    private static final Logger log = LoggerFactory.getLogger(GatewayEventOutbox.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 50;

    private record DueEvent(String id, String payload, int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String url;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param url the gateway's webhook route for this rail, e.g. {@code http://localhost:8083/v1/webhooks/mqpay}
     * @param secret the {@code whsec_} secret the adapter and the gateway share; blank: nothing is sent
     */
    public GatewayEventOutbox(JdbcClient jdbc, TransactionTemplate tx, Clock clock, String url, String secret) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.url = url;
        this.secret = secret;
    }

    /** Writes an event in the caller's transaction, so it exists exactly when the change it reports committed. */
    public void record(String id, String merchantId, String type, String payload) {
        jdbc.sql("""
                INSERT INTO gateway_event (id, merchant_id, type, payload) VALUES (:id, :merchantId, :type, :payload)
                """)
                .param("id", id).param("merchantId", merchantId).param("type", type).param("payload", payload)
                .update();
    }

    /** Sends the events that are due; the adapter calls it on its own schedule. */
    public void deliverDue() {
        if (secret.isBlank()) {
            return;
        }
        List<DueEvent> due = tx.execute(status -> claimDue(clock.instant()));
        for (DueEvent event : due) {
            deliver(event);
        }
    }

    /** Claims due events for the lease: another instance skips them, and takes them again if this one dies. */
    private List<DueEvent> claimDue(Instant now) {
        return jdbc.sql("""
                UPDATE gateway_event SET next_attempt_at = :leaseUntil
                WHERE id IN (SELECT id FROM gateway_event
                             WHERE delivered_at IS NULL AND next_attempt_at <= :now
                             ORDER BY next_attempt_at, created_at LIMIT :batch
                             FOR UPDATE SKIP LOCKED)
                RETURNING id, payload, attempts
                """)
                .param("now", Timestamp.from(now)).param("leaseUntil", Timestamp.from(now.plus(LEASE)))
                .param("batch", BATCH)
                .query((rs, row) -> new DueEvent(rs.getString("id"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    private void deliver(DueEvent event) {
        long timestamp = clock.instant().getEpochSecond();
        int status = 0;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(StandardWebhook.ID, event.id())
                    .header(StandardWebhook.TIMESTAMP, Long.toString(timestamp))
                    .header(StandardWebhook.SIGNATURE, StandardWebhook.sign(secret, event.id(), timestamp,
                            event.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                jdbc.sql("""
                        UPDATE gateway_event SET delivered_at = :now, attempts = attempts + 1, last_status = :status,
                            last_error = NULL
                        WHERE id = :id
                        """)
                        .param("now", Timestamp.from(clock.instant())).param("status", status)
                        .param("id", event.id()).update();
                return;
            }
            error = "HTTP " + status;
        }
        catch (IOException | IllegalArgumentException ex) {
            error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant next = clock.instant().plus(backoff(event.attempts()));
        log.warn("Event {} to mpac-pgw not delivered ({}); retrying at {}", event.id(), error, next);
        jdbc.sql("""
                UPDATE gateway_event SET attempts = attempts + 1, last_status = :status, last_error = :error,
                    next_attempt_at = :next
                WHERE id = :id
                """)
                .param("status", status).param("error", error).param("next", Timestamp.from(next))
                .param("id", event.id()).update();
    }

    /** 1 s, 2 s, 4 s ... capped at an hour, with up to 20 % jitter so retries of many events spread out. */
    static Duration backoff(int attemptsBefore) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attemptsBefore, 20));
        long jitterMillis = ThreadLocalRandom.current().nextLong(seconds * 200 + 1);
        return Duration.ofSeconds(seconds).plusMillis(jitterMillis);
    }
}
