package com.mpac.pgw.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertEvent(String id, String merchantId, String type, String payload) {
        jdbc.sql("INSERT INTO webhook_event (id, merchant_id, type, payload) VALUES (:id, :merchantId, :type, :payload)")
                .param("id", id).param("merchantId", merchantId).param("type", type).param("payload", payload)
                .update();
    }

    void insertDelivery(String eventId, String endpointId) {
        jdbc.sql("""
                INSERT INTO webhook_delivery (event_id, endpoint_id, status, next_attempt_at)
                VALUES (:eventId, :endpointId, 'pending', clock_timestamp())
                """)
                .param("eventId", eventId).param("endpointId", endpointId).update();
    }

    /**
     * Claims due deliveries: the claim is committed before anything is sent, so a second gateway instance skips
     * them, and lapses after the lease if this instance dies mid-send (the delivery is then sent again: at least
     * once, with the same webhook-id).
     */
    List<Delivery> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.sql("""
                UPDATE webhook_delivery d SET claimed_until = :until
                FROM webhook_event e
                WHERE e.id = d.event_id AND d.id IN (
                    SELECT id FROM webhook_delivery
                    WHERE status = 'pending' AND next_attempt_at <= :now
                      AND (claimed_until IS NULL OR claimed_until < :now)
                    ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, e.payload
                """)
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(now.plus(lease)))
                .param("limit", limit)
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("event_id"),
                        rs.getString("endpoint_id"), rs.getInt("attempts"), rs.getString("payload")))
                .list();
    }

    void recordAttempt(long deliveryId, Instant at, Integer responseStatus, String error, long durationMs) {
        jdbc.sql("""
                INSERT INTO webhook_delivery_attempt (delivery_id, attempted_at, response_status, error, duration_ms)
                VALUES (:id, :at, :status, :error, :duration)
                """)
                .param("id", deliveryId).param("at", Timestamp.from(at)).param("status", responseStatus)
                .param("error", error).param("duration", (int) Math.min(durationMs, Integer.MAX_VALUE))
                .update();
    }

    /** Ends or reschedules a delivery; {@code nextAttemptAt} is null unless it stays pending. */
    void finishAttempt(long deliveryId, String status, Integer responseStatus, String error, Instant nextAttemptAt) {
        jdbc.sql("""
                UPDATE webhook_delivery SET status = :status, attempts = attempts + 1,
                    last_response_status = :responseStatus, last_error = :error, next_attempt_at = :next,
                    claimed_until = NULL,
                    delivered_at = CASE WHEN :status = 'succeeded' THEN clock_timestamp() ELSE delivered_at END
                WHERE id = :id
                """)
                .param("id", deliveryId).param("status", status).param("responseStatus", responseStatus)
                .param("error", error).param("next", nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt))
                .update();
    }

    Optional<EventRow> findEvent(String merchantId, String id) {
        return jdbc.sql("SELECT * FROM webhook_event WHERE id = :id AND merchant_id = :merchantId")
                .param("id", id).param("merchantId", merchantId).query(WebhookRepository::mapEvent).optional();
    }

    List<EventRow> listEvents(String merchantId, String type, String startingAfter, int limit) {
        return jdbc.sql("""
                SELECT * FROM webhook_event
                WHERE merchant_id = :merchantId AND (CAST(:type AS text) IS NULL OR type = :type)
                  AND (CAST(:cursor AS text) IS NULL OR (created_at, id) <
                       (SELECT created_at, id FROM webhook_event WHERE id = :cursor AND merchant_id = :merchantId))
                ORDER BY created_at DESC, id DESC LIMIT :limit
                """)
                .param("merchantId", merchantId).param("type", type).param("cursor", startingAfter)
                .param("limit", limit).query(WebhookRepository::mapEvent).list();
    }

    List<DeliveryRow> listDeliveries(String eventId, boolean withPlatformSubscribers) {
        return jdbc.sql("""
                SELECT * FROM webhook_delivery
                WHERE event_id = :eventId AND (:platform OR endpoint_id NOT LIKE 'platform:%')
                ORDER BY id
                """)
                .param("eventId", eventId).param("platform", withPlatformSubscribers)
                .query((rs, n) -> new DeliveryRow(rs.getLong("id"), rs.getString("endpoint_id"),
                        rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("last_response_status"),
                        rs.getString("last_error"), instant(rs.getTimestamp("next_attempt_at")),
                        instant(rs.getTimestamp("delivered_at")), attempts(rs.getLong("id"))))
                .list();
    }

    /** Queues the event's deliveries (or one endpoint's) again from the first attempt. */
    int redeliver(String eventId, String endpointId) {
        return jdbc.sql("""
                UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = clock_timestamp(),
                    claimed_until = NULL
                WHERE event_id = :eventId AND (CAST(:endpointId AS text) IS NULL OR endpoint_id = :endpointId)
                  AND endpoint_id NOT LIKE 'platform:%'
                """)
                .param("eventId", eventId).param("endpointId", endpointId).update();
    }

    private List<AttemptRow> attempts(long deliveryId) {
        return jdbc.sql("""
                SELECT * FROM webhook_delivery_attempt WHERE delivery_id = :id ORDER BY attempted_at
                """)
                .param("id", deliveryId)
                .query((rs, n) -> new AttemptRow(rs.getTimestamp("attempted_at").toInstant().getEpochSecond(),
                        (Integer) rs.getObject("response_status"), rs.getString("error"), rs.getInt("duration_ms")))
                .list();
    }

    record Delivery(long id, String eventId, String endpointId, int attempts, String payload) {
    }

    record EventRow(String id, String merchantId, String type, String payload, Instant created) {
    }

    record DeliveryRow(long id, String endpointId, String status, int attempts, Integer lastResponseStatus,
            String lastError, Instant nextAttemptAt, Instant deliveredAt, List<AttemptRow> attemptLog) {
    }

    @tools.jackson.databind.annotation.JsonNaming(tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptRow(long attemptedAt, Integer responseStatus, String error, int durationMs) {
    }

    private static EventRow mapEvent(ResultSet rs, int row) throws SQLException {
        return new EventRow(rs.getString("id"), rs.getString("merchant_id"), rs.getString("type"),
                rs.getString("payload"), rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
