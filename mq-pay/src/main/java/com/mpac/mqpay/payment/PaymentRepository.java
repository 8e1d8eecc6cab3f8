package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.mqpay.payment.PaymentRows.AttemptRow;
import com.mpac.mqpay.payment.PaymentRows.NewAttempt;
import com.mpac.mqpay.payment.PaymentRows.NewResult;
import com.mpac.mqpay.payment.PaymentRows.TransactionRow;

/**
 * Transactions and attempts for the payment core. Writers lock the transaction row first and its attempts after,
 * always in that order, so concurrent payments, cancels and refunds of one transaction run one after another.
 */
@Repository
class PaymentRepository {

    private static final String TRANSACTION_COLUMNS = """
            id, merchant_id, number, source_type, source_id, source_uid, status, total, paid, refunded,
            deleted_at IS NOT NULL AS deleted""";
    private static final String ATTEMPT_COLUMNS = """
            id, merchant_id, transaction_id, code, type, parent_id, provider, method, status, amount, tendered, paid,
            change, expires_at, qr_code, provider_reference, deleted_at IS NOT NULL AS deleted""";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the source's transaction unless a live one exists; the caller then locks whichever is there. */
    void insertTransactionIfAbsent(String merchantId, String sourceType, String sourceId, String sourceUid,
            BigDecimal total) {
        jdbc.sql("""
                INSERT INTO payment_transaction (id, merchant_id, number, source_type, source_id, source_uid, currency,
                    status, total)
                VALUES (:id, :merchantId, 'TXN' || lpad(nextval('transaction_number_seq')::text, 6, '0'),
                    :sourceType, :sourceId, :sourceUid, 'VND', '100_NEW', :total)
                ON CONFLICT (merchant_id, source_type, source_id) WHERE deleted_at IS NULL DO NOTHING
                """)
                .param("id", UUID.randomUUID()).param("merchantId", merchantId).param("sourceType", sourceType)
                .param("sourceId", sourceId).param("sourceUid", sourceUid).param("total", total)
                .update();
    }

    TransactionRow lockTransactionBySource(String merchantId, String sourceType, String sourceId) {
        return jdbc.sql("SELECT " + TRANSACTION_COLUMNS + """
                 FROM payment_transaction
                WHERE merchant_id = :merchantId AND source_type = :sourceType AND source_id = :sourceId
                  AND deleted_at IS NULL
                FOR UPDATE
                """)
                .param("merchantId", merchantId).param("sourceType", sourceType).param("sourceId", sourceId)
                .query(PaymentRepository::transaction).single();
    }

    Optional<TransactionRow> lockTransaction(String merchantId, UUID id) {
        return jdbc.sql("SELECT " + TRANSACTION_COLUMNS + """
                 FROM payment_transaction
                WHERE id = :id AND merchant_id = :merchantId AND deleted_at IS NULL
                FOR UPDATE
                """)
                .param("id", id).param("merchantId", merchantId)
                .query(PaymentRepository::transaction).optional();
    }

    /** For a provider's notification: the attempt's transaction even if the merchant soft-deleted it. */
    /** Without a lock: for reading a transaction's state after this transaction's own writes. */
    Optional<TransactionRow> findTransactionIncludingDeleted(UUID id) {
        return jdbc.sql("SELECT " + TRANSACTION_COLUMNS + " FROM payment_transaction WHERE id = :id")
                .param("id", id).query(PaymentRepository::transaction).optional();
    }

    /** Any merchant's attempt by id, soft-deleted too; for the gateway's events, which follow an attempt's change. */
    Optional<AttemptRow> findAttemptById(UUID id) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + " FROM payment_attempt WHERE id = :id")
                .param("id", id).query(PaymentRepository::attempt).optional();
    }

    TransactionRow lockTransactionIncludingDeleted(String merchantId, UUID id) {
        return jdbc.sql("SELECT " + TRANSACTION_COLUMNS + """
                 FROM payment_transaction WHERE id = :id AND merchant_id = :merchantId
                FOR UPDATE
                """)
                .param("id", id).param("merchantId", merchantId)
                .query(PaymentRepository::transaction).single();
    }

    /** What open, unexpired payment attempts of the transaction are waiting to collect. */
    BigDecimal reservedAmount(UUID transactionId, Instant now) {
        return jdbc.sql("""
                SELECT coalesce(sum(amount), 0) FROM payment_attempt
                WHERE transaction_id = :id AND type = '100_PAYMENT' AND status IN ('100_NEW', '204_SENT')
                  AND (expires_at IS NULL OR expires_at > :now) AND deleted_at IS NULL
                """)
                .param("id", transactionId).param("now", Timestamp.from(now))
                .query(BigDecimal.class).single();
    }

    /** Open, unexpired payment attempts of the transaction with this provider and method, oldest first. */
    List<AttemptRow> findOpenAttempts(UUID transactionId, Provider provider, PaymentMethod method, Instant now) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + """
                 FROM payment_attempt
                WHERE transaction_id = :id AND type = '100_PAYMENT' AND status IN ('100_NEW', '204_SENT')
                  AND provider = :provider AND method = :method
                  AND (expires_at IS NULL OR expires_at > :now) AND deleted_at IS NULL
                ORDER BY created_at, id
                """)
                .param("id", transactionId).param("provider", provider.name()).param("method", method.code())
                .param("now", Timestamp.from(now))
                .query(PaymentRepository::attempt).list();
    }

    void updateTransaction(UUID id, BigDecimal paid, BigDecimal refunded, TransactionStatus status) {
        jdbc.sql("""
                UPDATE payment_transaction SET paid = :paid, refunded = :refunded, status = :status, updated_at = now()
                WHERE id = :id
                """)
                .param("id", id).param("paid", paid).param("refunded", refunded).param("status", status.code())
                .update();
    }

    String nextAttemptCode() {
        return jdbc.sql("SELECT 'ATT' || lpad(nextval('attempt_code_seq')::text, 6, '0')").query(String.class)
                .single();
    }

    void insertAttempt(NewAttempt a) {
        jdbc.sql("""
                INSERT INTO payment_attempt (id, merchant_id, transaction_id, code, type, parent_id, provider, method,
                    status, amount, currency, expires_at, qr_code, note)
                VALUES (:id, :merchantId, :transactionId, :code, :type, :parentId, :provider, :method, :status,
                    :amount, 'VND', :expiresAt, :qrCode, :note)
                """)
                .param("id", a.id()).param("merchantId", a.merchantId()).param("transactionId", a.transactionId())
                .param("code", a.code()).param("type", a.type().code()).param("parentId", a.parentId())
                .param("provider", a.provider().name()).param("method", a.method().code())
                .param("status", a.status().code()).param("amount", a.amount())
                .param("expiresAt", a.expiresAt() == null ? null : Timestamp.from(a.expiresAt()))
                .param("qrCode", a.qrCode()).param("note", a.note())
                .update();
    }

    Optional<AttemptRow> findAttempt(String merchantId, UUID id) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + """
                 FROM payment_attempt WHERE id = :id AND merchant_id = :merchantId AND deleted_at IS NULL
                """)
                .param("id", id).param("merchantId", merchantId)
                .query(PaymentRepository::attempt).optional();
    }

    /** Also a soft-deleted one: a provider's notification about it must still be recorded. */
    Optional<AttemptRow> findAttemptIncludingDeleted(String merchantId, UUID id) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS
                + " FROM payment_attempt WHERE id = :id AND merchant_id = :merchantId")
                .param("id", id).param("merchantId", merchantId)
                .query(PaymentRepository::attempt).optional();
    }

    /**
     * By the code VNPAY carries as txnId; any merchant's (the IPN names no merchant). Soft-deleted attempts too:
     * money paid for a QR the merchant deleted afterwards must still be recorded.
     */
    Optional<AttemptRow> findAttemptByCode(String code) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + " FROM payment_attempt WHERE code = :code")
                .param("code", code)
                .query(PaymentRepository::attempt).optional();
    }

    /** Only after its transaction's lock. */
    AttemptRow lockAttempt(UUID id) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + " FROM payment_attempt WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(PaymentRepository::attempt).single();
    }

    /** Only after the transaction's lock. */
    List<AttemptRow> lockOpenPaymentAttempts(UUID transactionId) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + """
                 FROM payment_attempt
                WHERE transaction_id = :id AND type = '100_PAYMENT' AND status IN ('100_NEW', '204_SENT')
                  AND deleted_at IS NULL
                ORDER BY created_at, id
                FOR UPDATE
                """)
                .param("id", transactionId)
                .query(PaymentRepository::attempt).list();
    }

    void updateAttemptStatus(UUID id, AttemptStatus status) {
        jdbc.sql("UPDATE payment_attempt SET status = :status, updated_at = now() WHERE id = :id")
                .param("id", id).param("status", status.code()).update();
    }

    void recordAttemptPayment(UUID id, BigDecimal tendered, BigDecimal paid, BigDecimal change,
            String providerReference) {
        jdbc.sql("""
                UPDATE payment_attempt SET status = '302_SUCCESS', tendered = :tendered, paid = :paid, change = :change,
                    provider_reference = :reference, updated_at = now()
                WHERE id = :id
                """)
                .param("id", id).param("tendered", tendered).param("paid", paid).param("change", change)
                .param("reference", providerReference)
                .update();
    }

    BigDecimal refundedAmount(UUID parentId) {
        return jdbc.sql("""
                SELECT coalesce(sum(amount), 0) FROM payment_attempt
                WHERE parent_id = :id AND type = '300_REFUND_PAYMENT' AND status = '302_SUCCESS'
                """)
                .param("id", parentId).query(BigDecimal.class).single();
    }

    /**
     * Records a result; {@code false} when it is a provider notification recorded before (same attempt, provider
     * reference and response code), which the unique index {@code payment_result_notification_idx} refuses.
     */
    boolean insertResult(NewResult r) {
        return jdbc.sql("""
                INSERT INTO payment_result (id, merchant_id, transaction_id, attempt_id, provider, kind, outcome,
                    response_code, message, amount, provider_reference, provider_transaction_id, paid_at, payload,
                    review_reason)
                VALUES (:id, :merchantId, :transactionId, :attemptId, :provider, :kind, :outcome, :responseCode,
                    :message, :amount, :providerReference, :providerTransactionId, :paidAt, CAST(:payload AS jsonb),
                    :reviewReason)
                ON CONFLICT (attempt_id, provider_reference, response_code)
                    WHERE kind = 'PROVIDER_IPN' AND deleted_at IS NULL DO NOTHING
                """)
                .param("id", UUID.randomUUID()).param("merchantId", r.merchantId())
                .param("transactionId", r.transactionId()).param("attemptId", r.attemptId())
                .param("provider", r.provider()).param("kind", r.kind()).param("outcome", r.outcome())
                .param("responseCode", r.responseCode()).param("message", r.message()).param("amount", r.amount())
                .param("providerReference", r.providerReference())
                .param("providerTransactionId", r.providerTransactionId())
                .param("paidAt", r.paidAt() == null ? null : Timestamp.from(r.paidAt()))
                .param("payload", r.payload())
                .param("reviewReason", r.reviewReason() == null ? null : r.reviewReason().name())
                .update() == 1;
    }

    /**
     * Marks QR attempts past their time {@code 501_EXPIRED}, a batch at a time; answers the ones it expired. {@code SKIP LOCKED}: a second
     * instance takes other rows, and an attempt an IPN is settling right now is left to that IPN.
     */
    List<UUID> expireDue(Instant now, int batch) {
        return jdbc.sql("""
                UPDATE payment_attempt SET status = '501_EXPIRED', updated_at = now()
                WHERE id IN (SELECT id FROM payment_attempt
                             WHERE status = '204_SENT' AND expires_at <= :now
                             ORDER BY expires_at LIMIT :batch
                             FOR UPDATE SKIP LOCKED)
                RETURNING id
                """)
                .param("now", Timestamp.from(now)).param("batch", batch)
                .query(UUID.class).list();
    }

    private static TransactionRow transaction(ResultSet rs, int row) throws SQLException {
        return new TransactionRow(rs.getObject("id", UUID.class), rs.getString("merchant_id"), rs.getString("number"),
                rs.getString("source_type"), rs.getString("source_id"), rs.getString("source_uid"),
                TransactionStatus.of(rs.getString("status")), rs.getBigDecimal("total"), rs.getBigDecimal("paid"),
                rs.getBigDecimal("refunded"), rs.getBoolean("deleted"));
    }

    private static AttemptRow attempt(ResultSet rs, int row) throws SQLException {
        Timestamp expiresAt = rs.getTimestamp("expires_at");
        return new AttemptRow(rs.getObject("id", UUID.class), rs.getString("merchant_id"),
                rs.getObject("transaction_id", UUID.class), rs.getString("code"), AttemptType.of(rs.getString("type")),
                rs.getObject("parent_id", UUID.class), Provider.valueOf(rs.getString("provider")),
                PaymentMethod.of(rs.getString("method")), AttemptStatus.of(rs.getString("status")),
                rs.getBigDecimal("amount"), rs.getBigDecimal("tendered"), rs.getBigDecimal("paid"),
                rs.getBigDecimal("change"), expiresAt == null ? null : expiresAt.toInstant(), rs.getString("qr_code"),
                rs.getString("provider_reference"), rs.getBoolean("deleted"));
    }
}
