package com.mpac.mqpay.payment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The queries only the gateway's door needs: payments by the gateway's reference, refunds by theirs, the outbox. */
@Repository
class GatewayPaymentRepository {

    private final JdbcClient jdbc;

    GatewayPaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> findTransactionId(String merchantId, String reference) {
        return jdbc.sql("""
                SELECT id FROM payment_transaction
                WHERE merchant_id = :merchantId AND source_type = :sourceType AND source_id = :reference
                  AND deleted_at IS NULL
                """)
                .param("merchantId", merchantId).param("sourceType", GatewayPayments.SOURCE_TYPE)
                .param("reference", reference)
                .query(UUID.class).optional();
    }

    /** The transaction's most recent payment attempt: the one the gateway's payment is about. */
    Optional<UUID> latestPaymentAttempt(UUID transactionId) {
        return jdbc.sql("""
                SELECT id FROM payment_attempt
                WHERE transaction_id = :transactionId AND type = '100_PAYMENT'
                ORDER BY created_at DESC, code DESC LIMIT 1
                """)
                .param("transactionId", transactionId).query(UUID.class).optional();
    }

    record GatewayRefund(UUID id, UUID parentId, java.math.BigDecimal amount) {
    }

    Optional<GatewayRefund> findRefund(String merchantId, String refundReference) {
        return jdbc.sql("""
                SELECT id, parent_id, amount FROM payment_attempt
                WHERE merchant_id = :merchantId AND external_reference = :reference AND type = '300_REFUND_PAYMENT'
                """)
                .param("merchantId", merchantId).param("reference", refundReference)
                .query((rs, row) -> new GatewayRefund(rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class), rs.getBigDecimal("amount")))
                .optional();
    }

    void setExternalReference(UUID attemptId, String reference) {
        jdbc.sql("UPDATE payment_attempt SET external_reference = :reference WHERE id = :id")
                .param("reference", reference).param("id", attemptId).update();
    }

    /** Gateway transactions among {@code attemptIds}' transactions, with the attempt that changed. */
    List<UUID> gatewayAttempts(List<UUID> attemptIds) {
        if (attemptIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT a.id FROM payment_attempt a JOIN payment_transaction t ON t.id = a.transaction_id
                WHERE a.id IN (:ids) AND t.source_type = :sourceType
                """)
                .param("ids", attemptIds).param("sourceType", GatewayPayments.SOURCE_TYPE)
                .query(UUID.class).list();
    }
}
