package com.mpac.mobilepay.payment;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The queries only the gateway's door needs: payments by the gateway's reference, refunds by theirs, the outbox. */
@Repository
class GatewayPaymentRepository {

    private final JdbcClient jdbc;

    GatewayPaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the merchant is known, active and has MobilePay enabled. */
    Optional<Boolean> merchantEnabled(String merchantId) {
        return jdbc.sql("SELECT status = 'ACTIVE' AND mobilepay_enabled FROM merchant WHERE merchant_id = :m")
                .param("m", merchantId).query(Boolean.class).optional();
    }

    Optional<String> findPaymentId(String merchantId, String reference) {
        return jdbc.sql("SELECT payment_id FROM payment WHERE merchant_id = :m AND gateway_reference = :r")
                .param("m", merchantId).param("r", reference).query(String.class).optional();
    }

    void markGateway(String paymentId, String reference, String captureMethod) {
        jdbc.sql("UPDATE payment SET gateway_reference = :r, gateway_capture = :c WHERE payment_id = :id")
                .param("r", reference).param("c", captureMethod).param("id", paymentId).update();
    }

    record GatewayMark(String merchantId, String reference, String captureMethod) {
    }

    /** The gateway's reference and capture method of a payment; empty for the POS system's own payments. */
    Optional<GatewayMark> gatewayMark(String paymentId) {
        return jdbc.sql("""
                SELECT merchant_id, gateway_reference, gateway_capture FROM payment
                WHERE payment_id = :id AND gateway_reference IS NOT NULL
                """)
                .param("id", paymentId)
                .query((rs, n) -> new GatewayMark(rs.getString("merchant_id"), rs.getString("gateway_reference"),
                        rs.getString("gateway_capture")))
                .optional();
    }

    record GatewayRefund(String refundId, String paymentId, java.math.BigDecimal amount, String state) {
    }

    Optional<GatewayRefund> findRefund(String merchantId, String refundReference) {
        return jdbc.sql("""
                SELECT refund_id, payment_id, amount, state FROM refund
                WHERE merchant_id = :m AND gateway_reference = :r
                """)
                .param("m", merchantId).param("r", refundReference)
                .query((rs, n) -> new GatewayRefund(rs.getString("refund_id"), rs.getString("payment_id"),
                        rs.getBigDecimal("amount"), rs.getString("state")))
                .optional();
    }

    void setRefundReference(String refundId, String reference) {
        jdbc.sql("UPDATE refund SET gateway_reference = :r WHERE refund_id = :id")
                .param("r", reference).param("id", refundId).update();
    }

    void insertEvent(String id, String merchantId, String type, String payload) {
        jdbc.sql("""
                INSERT INTO gateway_event (id, merchant_id, type, payload) VALUES (:id, :m, :type, :payload)
                """)
                .param("id", id).param("m", merchantId).param("type", type).param("payload", payload).update();
    }

    record DueEvent(String id, String payload, int attempts) {
    }

    /** Claims due events for {@code lease}: another instance skips them, and takes them again if this one dies. */
    List<DueEvent> claimDueEvents(Instant now, Duration lease, int batch) {
        return jdbc.sql("""
                UPDATE gateway_event SET next_attempt_at = :leaseUntil
                WHERE id IN (SELECT id FROM gateway_event
                             WHERE delivered_at IS NULL AND next_attempt_at <= :now
                             ORDER BY next_attempt_at, created_at LIMIT :batch
                             FOR UPDATE SKIP LOCKED)
                RETURNING id, payload, attempts
                """)
                .param("now", Timestamp.from(now)).param("leaseUntil", Timestamp.from(now.plus(lease)))
                .param("batch", batch)
                .query((rs, row) -> new DueEvent(rs.getString("id"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    void markDelivered(String id, int status, Instant now) {
        jdbc.sql("""
                UPDATE gateway_event SET delivered_at = :now, attempts = attempts + 1, last_status = :status,
                    last_error = NULL
                WHERE id = :id
                """)
                .param("now", Timestamp.from(now)).param("status", status).param("id", id).update();
    }

    void markFailed(String id, int status, String error, Instant nextAttemptAt) {
        jdbc.sql("""
                UPDATE gateway_event SET attempts = attempts + 1, last_status = :status, last_error = :error,
                    next_attempt_at = :next
                WHERE id = :id
                """)
                .param("status", status).param("error", error).param("next", Timestamp.from(nextAttemptAt))
                .param("id", id).update();
    }
}
