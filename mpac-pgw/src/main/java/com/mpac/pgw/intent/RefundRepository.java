package com.mpac.pgw.intent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefundRepository {

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Refund refund) {
        jdbc.sql("""
                INSERT INTO refund (id, payment_intent_id, merchant_id, amount, currency, status, reason)
                VALUES (:id, :intentId, :merchantId, :amount, :currency, :status, :reason)
                """)
                .param("id", refund.id()).param("intentId", refund.paymentIntentId())
                .param("merchantId", refund.merchantId()).param("amount", refund.amount())
                .param("currency", refund.currency()).param("status", refund.status())
                .param("reason", refund.reason())
                .update();
    }

    void complete(String id, String status, String failureReason) {
        jdbc.sql("""
                UPDATE refund SET status = :status, failure_reason = :failureReason, updated_at = clock_timestamp()
                WHERE id = :id AND status = 'pending'
                """)
                .param("id", id).param("status", status).param("failureReason", failureReason).update();
    }

    Optional<Refund> find(String id) {
        return jdbc.sql("SELECT * FROM refund WHERE id = :id").param("id", id).query(RefundRepository::map).optional();
    }

    List<Refund> listForIntent(String intentId) {
        return jdbc.sql("SELECT * FROM refund WHERE payment_intent_id = :intentId ORDER BY created_at, id")
                .param("intentId", intentId).query(RefundRepository::map).list();
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("payment_intent_id"), rs.getString("merchant_id"),
                rs.getLong("amount"), rs.getString("currency"), rs.getString("status"), rs.getString("reason"),
                rs.getString("failure_reason"), rs.getTimestamp("created_at").toInstant());
    }
}
