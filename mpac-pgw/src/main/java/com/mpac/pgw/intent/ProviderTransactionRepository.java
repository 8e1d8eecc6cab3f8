package com.mpac.pgw.intent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.pgw.intent.ProviderTransaction.TransactionKind;
import com.mpac.pgw.intent.ProviderTransaction.TransactionStatus;

@Repository
class ProviderTransactionRepository {

    private final JdbcClient jdbc;

    ProviderTransactionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new pending interaction; {@code nextCheckAt} is when reconciliation asks if no answer has come by then. */
    void insertPending(String id, PaymentIntent intent, TransactionKind kind, long amount, String refundId,
            String providerReference, Instant nextCheckAt) {
        jdbc.sql("""
                INSERT INTO provider_transaction (id, payment_intent_id, merchant_id, kind, status, provider,
                    payment_method, provider_reference, amount, currency, refund_id, next_check_at)
                VALUES (:id, :intentId, :merchantId, :kind, 'pending', :provider, :paymentMethod, :providerReference,
                    :amount, :currency, :refundId, :nextCheckAt)
                """)
                .param("id", id).param("intentId", intent.id).param("merchantId", intent.merchantId)
                .param("kind", value(kind)).param("provider", intent.provider)
                .param("paymentMethod", intent.paymentMethod).param("providerReference", providerReference)
                .param("amount", amount).param("currency", intent.currency).param("refundId", refundId)
                .param("nextCheckAt", Timestamp.from(nextCheckAt))
                .update();
    }

    Optional<ProviderTransaction> lock(String id) {
        return jdbc.sql("SELECT * FROM provider_transaction WHERE id = :id FOR UPDATE")
                .param("id", id).query(ProviderTransactionRepository::map).optional();
    }

    /** The pending authorization of an intent, if one is open (at most one is). */
    Optional<ProviderTransaction> findPendingAuthorization(String intentId) {
        return jdbc.sql("""
                SELECT * FROM provider_transaction
                WHERE payment_intent_id = :intentId AND kind = 'authorization' AND status = 'pending'
                ORDER BY created_at DESC LIMIT 1
                """)
                .param("intentId", intentId).query(ProviderTransactionRepository::map).optional();
    }

    /** The latest successful authorization: what captures, cancels and refunds act on. */
    Optional<ProviderTransaction> findSucceededAuthorization(String intentId) {
        return jdbc.sql("""
                SELECT * FROM provider_transaction
                WHERE payment_intent_id = :intentId AND kind = 'authorization' AND status = 'succeeded'
                ORDER BY created_at DESC LIMIT 1
                """)
                .param("intentId", intentId).query(ProviderTransactionRepository::map).optional();
    }

    /** The intent's latest authorization, whatever its status: what a capture, cancel or refund refers to. */
    Optional<ProviderTransaction> findLatestAuthorization(String intentId) {
        return jdbc.sql("""
                SELECT * FROM provider_transaction WHERE payment_intent_id = :intentId AND kind = 'authorization'
                ORDER BY created_at DESC LIMIT 1
                """)
                .param("intentId", intentId).query(ProviderTransactionRepository::map).optional();
    }

    Optional<ProviderTransaction> find(String id) {
        return jdbc.sql("SELECT * FROM provider_transaction WHERE id = :id")
                .param("id", id).query(ProviderTransactionRepository::map).optional();
    }

    List<ProviderTransaction> listForIntent(String intentId) {
        return jdbc.sql("SELECT * FROM provider_transaction WHERE payment_intent_id = :intentId ORDER BY created_at, id")
                .param("intentId", intentId).query(ProviderTransactionRepository::map).list();
    }

    void setProviderReference(String id, String providerReference) {
        if (providerReference != null) {
            jdbc.sql("UPDATE provider_transaction SET provider_reference = :reference WHERE id = :id")
                    .param("id", id).param("reference", providerReference).update();
        }
    }

    void complete(String id, TransactionStatus status, String providerReference, String errorCode,
            String errorMessage) {
        jdbc.sql("""
                UPDATE provider_transaction SET status = :status,
                    provider_reference = coalesce(:reference, provider_reference), error_code = :errorCode,
                    error_message = :errorMessage, completed_at = clock_timestamp(), next_check_at = NULL,
                    claimed_until = NULL
                WHERE id = :id
                """)
                .param("id", id).param("status", value(status)).param("reference", providerReference)
                .param("errorCode", errorCode).param("errorMessage", errorMessage)
                .update();
    }

    /** Still unknown after a check: ask again at {@code nextCheckAt}. */
    void scheduleCheck(String id, Instant nextCheckAt) {
        jdbc.sql("""
                UPDATE provider_transaction SET checks = checks + 1, next_check_at = :next, claimed_until = NULL
                WHERE id = :id
                """)
                .param("id", id).param("next", Timestamp.from(nextCheckAt)).update();
    }

    /**
     * Claims due pending transactions for one reconciliation pass. The claim (claimed_until) is committed before the
     * provider is asked, so another instance skips them, and a crashed instance's claim lapses on its own.
     */
    List<String> claimDue(Instant now, java.time.Duration lease, int limit) {
        return jdbc.sql("""
                UPDATE provider_transaction SET claimed_until = :until
                WHERE id IN (SELECT id FROM provider_transaction
                             WHERE status = 'pending' AND next_check_at <= :now
                               AND (claimed_until IS NULL OR claimed_until < :now)
                             ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id
                """)
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(now.plus(lease)))
                .param("limit", limit).query(String.class).list();
    }

    private static String value(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static ProviderTransaction map(ResultSet rs, int row) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new ProviderTransaction(rs.getString("id"), rs.getString("payment_intent_id"),
                rs.getString("merchant_id"),
                TransactionKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                TransactionStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("provider"),
                rs.getString("payment_method"), rs.getString("provider_reference"), rs.getLong("amount"),
                rs.getString("currency"), rs.getString("refund_id"), rs.getString("error_code"),
                rs.getString("error_message"), rs.getInt("checks"), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
