package com.mpac.payreq.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.payreq.paymentrequest.PaymentRequestStatus;

/** What the hosted page reads and writes: the request as the shopper sees it, its payments and their attempts. */
@Repository
class PaymentRepository {

    private static final String COLUMNS = """
            r.payment_request_id, m.name AS merchant_name, (m.status = 'ACTIVE' AND m.magensa_enabled) AS accepting,
            r.currency, r.amount, r.tax_amount, r.tax_percent, r.prompt_for_tax, r.prompt_for_tips,
            r.terms_and_transaction_info, r.customer_tran_ref, r.usage_count_limit, r.current_usage_count,
            r.activation_date, r.expiration_date,
            """ + PaymentRequestStatus.sql("r.") + " AS status FROM payment_request r JOIN merchant m ON m.merchant_id = r.merchant_id";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PayableRequest> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE r.payment_request_id = :id")
                .param("id", id).query(this::row).optional();
    }

    /**
     * The request under its row lock: two payments of the same request (two browsers at once) run one after the
     * other, and the second sees the usage count the first left.
     */
    Optional<PayableRequest> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE r.payment_request_id = :id FOR UPDATE OF r")
                .param("id", id).query(this::row).optional();
    }

    /**
     * One more use (reserved before the processor is called), only while the request is still payable; with the row
     * lock held this always succeeds, and the condition (plus the table's CHECK) keeps the limit even if it were not.
     */
    Optional<Integer> incrementUsage(UUID id) {
        return jdbc.sql("UPDATE payment_request SET current_usage_count = current_usage_count + 1 "
                + "WHERE payment_request_id = :id AND " + PaymentRequestStatus.SQL + " = 2 "
                + "RETURNING current_usage_count")
                .param("id", id).query(Integer.class).optional();
    }

    void insertTransaction(Payment payment, String formNonce) {
        jdbc.sql("""
                INSERT INTO payment_transaction (transaction_id, payment_request_id, result, method, amount,
                    tax_amount, tip_amount, total_amount, masked_pan, card_brand, processor_reference,
                    decline_reason, date_created, form_nonce)
                VALUES (:id, :requestId, :result, :method, :amount, :taxAmount, :tipAmount, :totalAmount, :maskedPan,
                    :cardBrand, :reference, :declineReason, :created, :formNonce)
                """)
                .param("formNonce", formNonce)
                .param("id", payment.transactionId()).param("requestId", payment.paymentRequestId())
                .param("result", payment.pending() ? "PENDING" : payment.approved() ? "APPROVED" : "DECLINED").param("method", payment.method())
                .param("amount", payment.amount()).param("taxAmount", payment.taxAmount())
                .param("tipAmount", payment.tipAmount()).param("totalAmount", payment.totalAmount())
                .param("maskedPan", payment.maskedPan()).param("cardBrand", payment.cardBrand())
                .param("reference", payment.processorReference()).param("declineReason", payment.declineReason())
                .param("created", Timestamp.from(payment.dateCreated()))
                .update();
    }

    Optional<Payment> transaction(UUID requestId, UUID transactionId) {
        return jdbc.sql(TRANSACTION + "t.transaction_id = :transactionId")
                .param("requestId", requestId).param("transactionId", transactionId)
                .query(PaymentRepository::payment).optional();
    }

    /** The payment a form with this nonce already made. */
    Optional<Payment> transactionByNonce(UUID requestId, String formNonce) {
        return jdbc.sql(TRANSACTION + "t.form_nonce = :formNonce")
                .param("requestId", requestId).param("formNonce", formNonce)
                .query(PaymentRepository::payment).optional();
    }

    private static final String TRANSACTION = """
            SELECT t.*, r.current_usage_count, r.usage_count_limit,
            """ + PaymentRequestStatus.sql("r.") + """
             AS status FROM payment_transaction t JOIN payment_request r USING (payment_request_id)
            WHERE t.payment_request_id = :requestId""" + " AND ";

    private static Payment payment(ResultSet rs, int n) throws SQLException {
        UUID requestId = UUID.fromString(rs.getString("payment_request_id"));
        return new Payment(UUID.fromString(rs.getString("transaction_id")), requestId,
                        "APPROVED".equals(rs.getString("result")), rs.getString("method"),
                        rs.getBigDecimal("amount"), rs.getBigDecimal("tax_amount"), rs.getBigDecimal("tip_amount"),
                        rs.getBigDecimal("total_amount"), rs.getString("masked_pan"), rs.getString("card_brand"),
                        rs.getString("processor_reference"), rs.getString("decline_reason"),
                        rs.getTimestamp("date_created").toInstant(), rs.getInt("current_usage_count"),
                        rs.getInt("usage_count_limit"), rs.getInt("status"), "PENDING".equals(rs.getString("result")));
    }

    /** The processor's answer for a PENDING transaction. */
    void settleTransaction(UUID transactionId, boolean approved, String reference, String declineReason) {
        jdbc.sql("""
                UPDATE payment_transaction SET result = :result, processor_reference = :reference,
                    decline_reason = :declineReason
                WHERE transaction_id = :id AND result = 'PENDING'
                """)
                .param("id", transactionId).param("result", approved ? "APPROVED" : "DECLINED")
                .param("reference", reference).param("declineReason", declineReason).update();
    }

    /** Gives back the use a declined payment had reserved. */
    Usage releaseUsage(UUID id) {
        return jdbc.sql("UPDATE payment_request SET current_usage_count = current_usage_count - 1 "
                + "WHERE payment_request_id = :id RETURNING current_usage_count, usage_count_limit, "
                + PaymentRequestStatus.SQL + " AS status")
                .param("id", id).query(PaymentRepository::usage).single();
    }

    Usage usage(UUID id) {
        return jdbc.sql("SELECT current_usage_count, usage_count_limit, " + PaymentRequestStatus.SQL
                + " AS status FROM payment_request WHERE payment_request_id = :id")
                .param("id", id).query(PaymentRepository::usage).single();
    }

    private static Usage usage(ResultSet rs, int n) throws SQLException {
        return new Usage(rs.getInt("current_usage_count"), rs.getInt("usage_count_limit"), rs.getInt("status"));
    }

    record Usage(int currentUsageCount, int usageCountLimit, int status) {
    }

    void recordAttempt(UUID requestId, String addressHash) {
        jdbc.sql("INSERT INTO payment_attempt (payment_request_id, address_hash) VALUES (:id, :address)")
                .param("id", requestId).param("address", addressHash).update();
    }

    long declinesForRequest(UUID requestId, Instant since) {
        return jdbc.sql("""
                SELECT count(*) FROM payment_transaction
                WHERE payment_request_id = :id AND result = 'DECLINED' AND date_created > :since
                """)
                .param("id", requestId).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    long attemptsFromAddress(String addressHash, Instant since) {
        return jdbc.sql("SELECT count(*) FROM payment_attempt WHERE address_hash = :address AND attempted_at > :since")
                .param("address", addressHash).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    int purgeAttemptsBefore(Instant before) {
        return jdbc.sql("DELETE FROM payment_attempt WHERE attempted_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    /** A NOTIFY on {@link PaymentNotifications#CHANNEL}, sent by PostgreSQL when the transaction commits. */
    void notifyPayment(String message) {
        jdbc.sql("SELECT pg_notify(:channel, :message)").param("channel", PaymentNotifications.CHANNEL)
                .param("message", message).query((rs, n) -> 1).list();
    }

    /** The request a WebSocket token belongs to. */
    Optional<UUID> requestIdForToken(String tokenHash) {
        return jdbc.sql("SELECT payment_request_id FROM payment_request WHERE websocket_token_hash = :hash")
                .param("hash", tokenHash).query(UUID.class).optional();
    }

    private PayableRequest row(ResultSet rs, int n) throws SQLException {
        return new PayableRequest(UUID.fromString(rs.getString("payment_request_id")), rs.getString("merchant_name"),
                rs.getBoolean("accepting"), rs.getString("currency"), rs.getBigDecimal("amount"),
                rs.getBigDecimal("tax_amount"), rs.getBigDecimal("tax_percent"), rs.getBoolean("prompt_for_tax"),
                rs.getBoolean("prompt_for_tips"), rs.getString("terms_and_transaction_info"),
                rs.getString("customer_tran_ref"), rs.getInt("usage_count_limit"), rs.getInt("current_usage_count"),
                rs.getTimestamp("activation_date").toInstant(), rs.getTimestamp("expiration_date").toInstant(),
                PaymentRequestStatus.of(rs.getInt("status")).orElseThrow());
    }

    /** A payment request as the hosted page shows and charges it. */
    record PayableRequest(UUID id, String merchantName, boolean merchantAccepting, String currency, BigDecimal amount,
            BigDecimal taxAmount, BigDecimal taxPercent, boolean promptForTax, boolean promptForTips, String terms,
            String reference, int usageCountLimit, int currentUsageCount, Instant activationDate,
            Instant expirationDate, PaymentRequestStatus status) {

        /** What the shopper is charged before any tip: the tax is added when the page prompts for it. */
        BigDecimal baseTotal() {
            return promptForTax ? amount.add(taxAmount) : amount;
        }
    }
}
