package com.mpac.mobilepay.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.mobilepay.payment.PaymentResponses.RefundResponse;

@Repository
class PaymentRepository {

    private static final String SELECT = """
            SELECT p.*, (SELECT coalesce(sum(r.amount), 0) FROM refund r
                         WHERE r.payment_id = p.payment_id AND r.state = 'Captured') AS refunded_amount
            FROM payment p
            """;

    private static final RowMapper<Payment> PAYMENT = (rs, n) -> {
        String currency = rs.getString("currency_code");
        return new Payment(rs.getString("payment_id"), rs.getString("merchant_id"), rs.getString("pos_id"),
                rs.getString("terminal_id"), rs.getString("store_id"), rs.getString("order_id"),
                rs.getString("flow"), PaymentState.valueOf(rs.getString("state")),
                Money.scaled(rs.getBigDecimal("amount"), currency), currency,
                Money.scaled(rs.getBigDecimal("captured_amount"), currency),
                currency == null ? null : Money.scaled(rs.getBigDecimal("refunded_amount"), currency),
                rs.getString("customer_id"), rs.getObject("expires_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("reserved_at", OffsetDateTime.class), rs.getObject("captured_at", OffsetDateTime.class),
                rs.getObject("cancelled_at", OffsetDateTime.class));
    };

    private static final RowMapper<RefundResponse> REFUND = (rs, n) -> {
        String currency = rs.getString("currency_code");
        return new RefundResponse(rs.getString("refund_id"), rs.getString("payment_id"),
                rs.getString("refund_order_id"), Money.scaled(rs.getBigDecimal("amount"), currency), currency,
                RefundState.valueOf(rs.getString("state")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("captured_at", OffsetDateTime.class), rs.getObject("cancelled_at", OffsetDateTime.class));
    };

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String paymentId, String merchantId, String posId, String terminalId, String storeId, String orderId,
            String flow, PaymentState state, BigDecimal amount, String currencyCode, String customerId,
            Duration timeout) {
        jdbc.sql("""
                INSERT INTO payment (payment_id, merchant_id, pos_id, terminal_id, store_id, order_id, flow, state,
                                     amount, currency_code, customer_id, expires_at)
                VALUES (:id, :m, :pos, :t, :s, :o, :flow, :state, :amount, :currency, :customer,
                        now() + :seconds * interval '1 second')
                """)
                .param("id", paymentId).param("m", merchantId).param("pos", posId).param("t", terminalId)
                .param("s", storeId).param("o", orderId).param("flow", flow).param("state", state.name())
                .param("amount", amount).param("currency", currencyCode).param("customer", customerId)
                .param("seconds", timeout.toSeconds())
                .update();
    }

    Optional<Payment> find(String merchantId, String paymentId, boolean lock) {
        return jdbc.sql(SELECT + " WHERE p.merchant_id = :m AND p.payment_id = :id" + (lock ? " FOR UPDATE" : ""))
                .param("m", merchantId).param("id", paymentId).query(PAYMENT).optional();
    }

    Optional<Payment> findActiveOnPos(String posId) {
        return jdbc.sql(SELECT + " WHERE p.pos_id = :pos AND p.state IN (:active)")
                .param("pos", posId).param("active", PaymentState.names(PaymentState.ACTIVE))
                .query(PAYMENT).optional();
    }

    /**
     * Moves the payment to {@code target} if it is in a state that may move there (and {@code condition} holds),
     * in one conditional update; {@code false} when it was not.
     */
    boolean transition(String paymentId, PaymentState target, String extraSet, String condition,
            java.util.Map<String, ?> params) {
        var spec = jdbc.sql("UPDATE payment SET state = :target, updated_at = now()" + extraSet
                + " WHERE payment_id = :id AND state IN (:sources)" + condition)
                .param("target", target.name()).param("id", paymentId)
                .param("sources", PaymentState.sourcesOf(target));
        for (var entry : params.entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue());
        }
        return spec.update() == 1;
    }

    void ready(String paymentId, BigDecimal amount, String currencyCode, Duration timeout) {
        jdbc.sql("""
                UPDATE payment SET amount = :amount, currency_code = :currency, updated_at = now(),
                    state = CASE WHEN state = 'Prepared' THEN 'Initiated' ELSE state END,
                    expires_at = now() + :seconds * interval '1 second'
                WHERE payment_id = :id
                """)
                .param("amount", amount).param("currency", currencyCode).param("id", paymentId)
                .param("seconds", timeout.toSeconds()).update();
    }

    List<Payment> list(String merchantId, List<String> states, String orderId, String terminalId, String posId) {
        return jdbc.sql(SELECT + """
                 WHERE p.merchant_id = :m AND p.state IN (:states)
                   AND (CAST(:orderId AS text) IS NULL OR p.order_id = :orderId)
                   AND (CAST(:terminalId AS text) IS NULL OR p.terminal_id = :terminalId)
                   AND (CAST(:posId AS text) IS NULL OR p.pos_id = :posId)
                 ORDER BY p.created_at DESC, p.payment_id LIMIT 500
                """)
                .param("m", merchantId).param("states", states).param("orderId", orderId)
                .param("terminalId", terminalId).param("posId", posId)
                .query(PAYMENT).list();
    }

    /** Unanswered payments past their time, expired in batches any instance may take (SKIP LOCKED). */
    List<String> expireDue(int batch) {
        return jdbc.sql("""
                UPDATE payment SET state = 'ExpiredAndCancelled', cancelled_at = now(), updated_at = now()
                WHERE payment_id IN (SELECT payment_id FROM payment
                                     WHERE state IN (:unanswered) AND expires_at <= now()
                                     ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                  AND state IN (:unanswered)
                RETURNING payment_id
                """)
                .param("unanswered", PaymentState.names(PaymentState.UNANSWERED)).param("batch", batch)
                .query(String.class).list();
    }

    // ---- refunds ----

    BigDecimal refundsHeld(String paymentId) {
        return jdbc.sql("""
                SELECT coalesce(sum(amount), 0) FROM refund
                WHERE payment_id = :id AND state IN ('Initiated', 'Captured')
                """).param("id", paymentId).query(BigDecimal.class).single();
    }

    void insertRefund(String refundId, Payment payment, String refundOrderId, BigDecimal amount) {
        jdbc.sql("""
                INSERT INTO refund (refund_id, payment_id, merchant_id, refund_order_id, amount, currency_code, state)
                VALUES (:id, :payment, :m, :order, :amount, :currency, 'Initiated')
                """)
                .param("id", refundId).param("payment", payment.paymentId()).param("m", payment.merchantId())
                .param("order", refundOrderId).param("amount", amount).param("currency", payment.currencyCode())
                .update();
    }

    Optional<RefundResponse> findRefund(String merchantId, String refundId) {
        return jdbc.sql("SELECT * FROM refund WHERE merchant_id = :m AND refund_id = :id")
                .param("m", merchantId).param("id", refundId).query(REFUND).optional();
    }

    /** Initiated → {@code target} as one conditional update. */
    boolean moveRefund(String merchantId, String refundId, RefundState target) {
        String stamp = target == RefundState.Captured ? "captured_at" : "cancelled_at";
        return jdbc.sql("UPDATE refund SET state = :target, " + stamp + " = now()"
                + " WHERE merchant_id = :m AND refund_id = :id AND state = 'Initiated'")
                .param("target", target.name()).param("m", merchantId).param("id", refundId).update() == 1;
    }

    List<String> refundIds(String paymentId) {
        return jdbc.sql("SELECT refund_id FROM refund WHERE payment_id = :id ORDER BY created_at, refund_id")
                .param("id", paymentId).query(String.class).list();
    }
}
