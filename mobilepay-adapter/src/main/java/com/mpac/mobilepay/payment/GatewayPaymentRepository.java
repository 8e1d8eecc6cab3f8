package com.mpac.mobilepay.payment;

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
}
