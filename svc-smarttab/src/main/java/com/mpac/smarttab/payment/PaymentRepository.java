package com.mpac.smarttab.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.TenantScope;

@Repository
class PaymentRepository {

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String merchantId, @Nullable String pspId, String storeId, @Nullable String terminalId,
            String billId, String method, String provider, @Nullable String paymentMethod, PaymentStatus status,
            String currency, BigDecimal amount, BigDecimal tip, @Nullable BigDecimal tendered,
            @Nullable BigDecimal change, String createdBy) {
        jdbc.sql("""
                INSERT INTO payment (id, merchant_id, psp_id, store_id, terminal_id, bill_id, method, provider,
                    payment_method, status, currency, amount, tip, tendered, change_given, succeeded_at, created_by)
                VALUES (:id, :merchantId, :pspId, :storeId, :terminalId, :billId, :method, :provider, :paymentMethod,
                    :status, :currency, :amount, :tip, :tendered, :change,
                    CASE WHEN :status = 'SUCCEEDED' THEN clock_timestamp() END, :createdBy)
                """)
                .param("id", id).param("merchantId", merchantId).param("pspId", pspId).param("storeId", storeId)
                .param("terminalId", terminalId).param("billId", billId).param("method", method)
                .param("provider", provider).param("paymentMethod", paymentMethod).param("status", status.name())
                .param("currency", currency).param("amount", amount).param("tip", tip).param("tendered", tendered)
                .param("change", change).param("createdBy", createdBy)
                .update();
    }

    /**
     * Records the gateway's view of a PENDING payment; answers false once the payment has left PENDING (its
     * {@code gateway_status} is then frozen, so an older event never overwrites a newer outcome).
     */
    boolean recordIntent(String id, String intentId, String gatewayStatus, @Nullable String qrData,
            @Nullable Instant qrExpiresAt) {
        return jdbc.sql("""
                UPDATE payment SET gateway_intent_id = :intentId, gateway_status = :gatewayStatus,
                    qr_data = coalesce(:qrData, qr_data), qr_expires_at = coalesce(:qrExpiresAt, qr_expires_at),
                    updated_at = clock_timestamp()
                WHERE id = :id AND status = 'PENDING'
                """)
                .param("id", id).param("intentId", intentId).param("gatewayStatus", gatewayStatus)
                .param("qrData", qrData).param("qrExpiresAt", qrExpiresAt == null ? null : Timestamp.from(qrExpiresAt))
                .update() == 1;
    }

    /** Flags a payment for review: the gateway said something SmartTab would not apply. */
    void flagForReview(String id, String code, String note) {
        jdbc.sql("""
                UPDATE payment SET review_code = :code, review_note = :note, updated_at = clock_timestamp()
                WHERE id = :id
                """).param("id", id).param("code", code).param("note", note).update();
    }

    void succeed(String id, String gatewayStatus) {
        jdbc.sql("""
                UPDATE payment SET status = 'SUCCEEDED', gateway_status = :gatewayStatus,
                    succeeded_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE id = :id AND status = 'PENDING'
                """).param("id", id).param("gatewayStatus", gatewayStatus).update();
    }

    void fail(String id, @Nullable String gatewayStatus, String code, @Nullable String message) {
        jdbc.sql("""
                UPDATE payment SET status = 'FAILED', gateway_status = coalesce(:gatewayStatus, gateway_status),
                    failure_code = :code, failure_message = :message, updated_at = clock_timestamp()
                WHERE id = :id AND status = 'PENDING'
                """).param("id", id).param("gatewayStatus", gatewayStatus).param("code", code)
                .param("message", message).update();
    }

    Optional<Payment> find(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM payment WHERE id = :id AND " + scope.condition())
                .param("id", id).params(scope.params()).query(PaymentRepository::map).optional();
    }

    Optional<Payment> lock(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM payment WHERE id = :id AND " + scope.condition() + " FOR UPDATE")
                .param("id", id).params(scope.params()).query(PaymentRepository::map).optional();
    }

    Optional<Payment> lockByIntent(String intentId) {
        return jdbc.sql("SELECT * FROM payment WHERE gateway_intent_id = :intentId FOR UPDATE")
                .param("intentId", intentId).query(PaymentRepository::map).optional();
    }

    Optional<Payment> findByIntent(String intentId) {
        return jdbc.sql("SELECT * FROM payment WHERE gateway_intent_id = :intentId")
                .param("intentId", intentId).query(PaymentRepository::map).optional();
    }

    /**
     * Pending gateway payments left to their webhook long enough, claimed for one look-up each; also those whose
     * intent was never recorded (the request died between reserving and the gateway's answer) after
     * {@code unsentAfter}.
     */
    List<Payment> claimStale(Duration after, Duration unsentAfter, int limit) {
        return jdbc.sql("""
                UPDATE payment SET last_checked_at = clock_timestamp()
                WHERE id IN (SELECT id FROM payment
                             WHERE status = 'PENDING' AND method <> 'cash' AND review_code IS NULL
                               AND ((gateway_intent_id IS NOT NULL
                                     AND coalesce(last_checked_at, created_at)
                                         < clock_timestamp() - CAST(:after AS interval))
                                 OR (gateway_intent_id IS NULL
                                     AND coalesce(last_checked_at, created_at)
                                         < clock_timestamp() - CAST(:unsent AS interval)))
                             ORDER BY coalesce(last_checked_at, created_at) LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).param("after", after.toMillis() + " milliseconds")
                .param("unsent", unsentAfter.toMillis() + " milliseconds")
                .param("limit", limit).query(PaymentRepository::map).list();
    }

    List<Payment> list(TenantScope scope, @Nullable String billId, @Nullable String status, @Nullable String method,
            @Nullable String settlementId, long below, int limit) {
        return jdbc.sql("SELECT * FROM payment WHERE " + scope.condition() + """
                 AND seq < :below
                 AND (CAST(:billId AS text) IS NULL OR bill_id = :billId)
                 AND (CAST(:status AS text) IS NULL OR status = :status)
                 AND (CAST(:method AS text) IS NULL OR method = :method)
                 AND (CAST(:settlementId AS text) IS NULL OR settlement_id = :settlementId)
                ORDER BY seq DESC LIMIT :limit
                """)
                .params(scope.params()).param("below", below).param("limit", limit + 1).param("billId", billId)
                .param("status", status).param("method", method).param("settlementId", settlementId)
                .query(PaymentRepository::map).list();
    }

    void insertRefund(String id, Payment payment, BigDecimal amount, @Nullable String reason, String status,
            String createdBy) {
        jdbc.sql("""
                INSERT INTO refund (id, payment_id, merchant_id, store_id, terminal_id, currency, amount, reason,
                    status, succeeded_at, created_by)
                VALUES (:id, :paymentId, :merchantId, :storeId, :terminalId, :currency, :amount, :reason, :status,
                    CASE WHEN :status = 'SUCCEEDED' THEN clock_timestamp() END, :createdBy)
                """)
                .param("id", id).param("paymentId", payment.id()).param("merchantId", payment.merchantId())
                .param("storeId", payment.storeId()).param("terminalId", payment.terminalId())
                .param("currency", payment.currency()).param("amount", amount).param("reason", reason)
                .param("status", status).param("createdBy", createdBy)
                .update();
    }

    /** Moves refund money on a payment; the CHECK constraints refuse refunding more than was captured. */
    void moveRefund(String paymentId, BigDecimal pendingDelta, BigDecimal refundedDelta) {
        jdbc.sql("""
                UPDATE payment SET refund_pending = refund_pending + :pending,
                    amount_refunded = amount_refunded + :refunded, updated_at = clock_timestamp()
                WHERE id = :id
                """).param("id", paymentId).param("pending", pendingDelta).param("refunded", refundedDelta).update();
    }

    /** Completes a pending refund once; answers whether this call did. */
    boolean completeRefund(String refundId, String status, @Nullable String gatewayRefundId,
            @Nullable String failureMessage) {
        return jdbc.sql("""
                UPDATE refund SET status = :status, gateway_refund_id = coalesce(:gatewayRefundId, gateway_refund_id),
                    failure_message = :failureMessage,
                    succeeded_at = CASE WHEN :status = 'SUCCEEDED' THEN clock_timestamp() END
                WHERE id = :id AND status = 'PENDING'
                """).param("id", refundId).param("status", status).param("gatewayRefundId", gatewayRefundId)
                .param("failureMessage", failureMessage).update() == 1;
    }

    Optional<Refund> findRefund(String id) {
        return jdbc.sql("SELECT * FROM refund WHERE id = :id").param("id", id).query(PaymentRepository::mapRefund)
                .optional();
    }

    List<Refund> refunds(String paymentId) {
        return jdbc.sql("SELECT * FROM refund WHERE payment_id = :id ORDER BY seq").param("id", paymentId)
                .query(PaymentRepository::mapRefund).list();
    }

    /**
     * Pending refunds due for a look-up, claimed under {@code FOR UPDATE SKIP LOCKED}: each claim pushes
     * {@code next_attempt_at} back (lease times 2^attempts, at most 64 leases), so a refund claimed by one poller is
     * invisible to every other until its lease runs out.
     */
    List<Refund> claimPendingRefunds(Duration after, Duration lease, int limit) {
        return jdbc.sql("""
                UPDATE refund SET attempts = attempts + 1,
                    next_attempt_at = clock_timestamp()
                        + CAST(:lease AS interval) * power(2, least(attempts, 6))
                WHERE id IN (SELECT id FROM refund
                             WHERE status = 'PENDING'
                               AND coalesce(next_attempt_at, created_at + CAST(:after AS interval))
                                   <= clock_timestamp()
                             ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).param("after", after.toMillis() + " milliseconds")
                .param("lease", lease.toMillis() + " milliseconds").param("limit", limit)
                .query(PaymentRepository::mapRefund).list();
    }

    /** Remembers the gateway's id of a pending refund, so its webhook and the poll find it by that id. */
    void recordGatewayRefund(String refundId, String gatewayRefundId) {
        jdbc.sql("UPDATE refund SET gateway_refund_id = :gatewayRefundId WHERE id = :id AND status = 'PENDING'")
                .param("id", refundId).param("gatewayRefundId", gatewayRefundId).update();
    }

    Optional<Refund> findRefundByGatewayId(String paymentId, String gatewayRefundId) {
        return jdbc.sql("SELECT * FROM refund WHERE payment_id = :paymentId AND gateway_refund_id = :gatewayId")
                .param("paymentId", paymentId).param("gatewayId", gatewayRefundId)
                .query(PaymentRepository::mapRefund).optional();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Payment(rs.getString("id"), rs.getLong("seq"), rs.getString("merchant_id"),
                rs.getString("store_id"), rs.getString("terminal_id"), rs.getString("bill_id"), rs.getString("method"),
                rs.getString("provider"), rs.getString("payment_method"),
                PaymentStatus.valueOf(rs.getString("status")), currency, amount(rs, "amount", currency),
                amount(rs, "tip", currency), amount(rs, "tendered", currency), amount(rs, "change_given", currency),
                amount(rs, "amount_refunded", currency), amount(rs, "refund_pending", currency),
                rs.getString("gateway_intent_id"), rs.getString("gateway_status"), rs.getString("qr_data"),
                instant(rs, "qr_expires_at"), rs.getString("failure_code"), rs.getString("failure_message"),
                rs.getString("settlement_id"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Refund mapRefund(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Refund(rs.getString("id"), rs.getString("payment_id"), currency, amount(rs, "amount", currency),
                rs.getString("reason"), rs.getString("status"), rs.getString("gateway_refund_id"),
                rs.getString("failure_message"), rs.getString("settlement_id"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable BigDecimal amount(ResultSet rs, String column, String currency) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : Money.stored(value, currency);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
