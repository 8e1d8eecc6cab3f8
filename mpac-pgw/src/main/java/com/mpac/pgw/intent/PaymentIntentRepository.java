package com.mpac.pgw.intent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.pgw.provider.NextAction;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** PaymentIntent rows. Client secrets are stored encrypted: they are shown again on every S2S read. */
@Repository
class PaymentIntentRepository {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretCipher cipher;

    PaymentIntentRepository(JdbcClient jdbc, JsonMapper json, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    void insert(PaymentIntent intent) {
        jdbc.sql("""
                INSERT INTO payment_intent (id, merchant_id, store_id, terminal_id, amount, currency, capture_method,
                    status, provider, payment_method, merchant_reference, description, metadata, client_secret,
                    created_at, updated_at)
                VALUES (:id, :merchantId, :storeId, :terminalId, :amount, :currency, :captureMethod, :status,
                    :provider, :paymentMethod, :merchantReference, :description, CAST(:metadata AS jsonb),
                    :clientSecret, :created, :created)
                """)
                .param("id", intent.id).param("merchantId", intent.merchantId).param("storeId", intent.storeId)
                .param("terminalId", intent.terminalId).param("amount", intent.amount)
                .param("currency", intent.currency).param("captureMethod", intent.captureMethod.value())
                .param("status", intent.status.value()).param("provider", intent.provider)
                .param("paymentMethod", intent.paymentMethod).param("merchantReference", intent.merchantReference)
                .param("description", intent.description).param("metadata", json.writeValueAsString(intent.metadata))
                .param("clientSecret", cipher.encrypt(intent.clientSecret, secretContext(intent.id)))
                .param("created", Timestamp.from(intent.created))
                .update();
    }

    /** Writes back everything that can change after creation. */
    void update(PaymentIntent intent) {
        jdbc.sql("""
                UPDATE payment_intent SET status = :status, amount_capturable = :amountCapturable,
                    amount_received = :amountReceived, amount_refunded = :amountRefunded, provider = :provider,
                    payment_method = :paymentMethod, last_payment_error = CAST(:lastPaymentError AS jsonb),
                    next_action = CAST(:nextAction AS jsonb), cancellation_reason = :cancellationReason,
                    capture_before = :captureBefore, canceled_at = :canceledAt, updated_at = clock_timestamp()
                WHERE id = :id
                """)
                .param("id", intent.id).param("status", intent.status.value())
                .param("amountCapturable", intent.amountCapturable).param("amountReceived", intent.amountReceived)
                .param("amountRefunded", intent.amountRefunded).param("provider", intent.provider)
                .param("paymentMethod", intent.paymentMethod)
                .param("lastPaymentError", intent.lastPaymentError == null ? null
                        : json.writeValueAsString(intent.lastPaymentError))
                .param("nextAction", intent.nextAction == null ? null : json.writeValueAsString(intent.nextAction))
                .param("cancellationReason", intent.cancellationReason)
                .param("captureBefore", timestamp(intent.captureBefore))
                .param("canceledAt", timestamp(intent.canceledAt))
                .update();
    }

    /** The merchant's intent; another merchant's id is as absent as an unknown one. */
    Optional<PaymentIntent> find(String merchantId, String id) {
        return jdbc.sql("SELECT * FROM payment_intent WHERE id = :id AND merchant_id = :merchantId")
                .param("id", id).param("merchantId", merchantId).query(this::map).optional();
    }

    /** The intent under its row lock, until the transaction ends. */
    Optional<PaymentIntent> lock(String merchantId, String id) {
        return jdbc.sql("SELECT * FROM payment_intent WHERE id = :id AND merchant_id = :merchantId FOR UPDATE")
                .param("id", id).param("merchantId", merchantId).query(this::map).optional();
    }

    Optional<PaymentIntent> lock(String id) {
        return jdbc.sql("SELECT * FROM payment_intent WHERE id = :id FOR UPDATE")
                .param("id", id).query(this::map).optional();
    }

    /** The merchant owning an intent and its client secret, for the frontend routes' authentication. */
    Optional<Map.Entry<String, String>> findClientSecret(String id) {
        return jdbc.sql("SELECT merchant_id, client_secret FROM payment_intent WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> Map.entry(rs.getString("merchant_id"),
                        cipher.decrypt(rs.getString("client_secret"), secretContext(id))))
                .optional();
    }

    /**
     * One page, newest first. {@code startingAfter} pages towards older intents, {@code endingBefore} towards newer
     * ones; one row more than asked tells whether there are more.
     */
    Page list(PaymentIntentQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM payment_intent WHERE merchant_id = :merchantId");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("merchantId", query.merchantId());
        if (query.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", query.status().value());
        }
        if (query.storeId() != null) {
            sql.append(" AND store_id = :storeId");
            params.put("storeId", query.storeId());
        }
        if (query.terminalId() != null) {
            sql.append(" AND terminal_id = :terminalId");
            params.put("terminalId", query.terminalId());
        }
        if (query.createdGte() != null) {
            sql.append(" AND created_at >= :createdGte");
            params.put("createdGte", Timestamp.from(query.createdGte()));
        }
        if (query.createdLte() != null) {
            sql.append(" AND created_at <= :createdLte");
            params.put("createdLte", Timestamp.from(query.createdLte()));
        }
        boolean backwards = query.endingBefore() != null;
        String cursor = backwards ? query.endingBefore() : query.startingAfter();
        if (cursor != null) {
            sql.append(backwards ? " AND (created_at, id) > " : " AND (created_at, id) < ")
                    .append("(SELECT created_at, id FROM payment_intent WHERE id = :cursor AND merchant_id = :merchantId)");
            params.put("cursor", cursor);
        }
        sql.append(backwards ? " ORDER BY created_at, id" : " ORDER BY created_at DESC, id DESC");
        sql.append(" LIMIT :limit");
        params.put("limit", query.limit() + 1);
        List<PaymentIntent> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(this::map).list());
        boolean hasMore = rows.size() > query.limit();
        if (hasMore) {
            rows.removeLast();
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        return new Page(rows, hasMore);
    }

    boolean exists(String merchantId, String id) {
        return jdbc.sql("SELECT count(*) FROM payment_intent WHERE id = :id AND merchant_id = :merchantId")
                .param("id", id).param("merchantId", merchantId).query(Long.class).single() == 1;
    }

    /** Intents whose hold ran out, claimed so that two gateway instances never release the same one. */
    List<String> lockExpiredHolds(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM payment_intent WHERE status = 'requires_capture' AND capture_before <= :now
                ORDER BY capture_before LIMIT :limit FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
    }

    record Page(List<PaymentIntent> intents, boolean hasMore) {
    }

    private PaymentIntent map(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        PaymentIntent intent = new PaymentIntent(id, rs.getString("merchant_id"), rs.getString("store_id"),
                rs.getString("terminal_id"), rs.getLong("amount"), rs.getString("currency"),
                CaptureMethod.of(rs.getString("capture_method")), rs.getString("merchant_reference"),
                rs.getString("description"), json.readValue(rs.getString("metadata"), METADATA),
                cipher.decrypt(rs.getString("client_secret"), secretContext(id)),
                rs.getTimestamp("created_at").toInstant(), PaymentIntentStatus.of(rs.getString("status")));
        intent.amountCapturable = rs.getLong("amount_capturable");
        intent.amountReceived = rs.getLong("amount_received");
        intent.amountRefunded = rs.getLong("amount_refunded");
        intent.provider = rs.getString("provider");
        intent.paymentMethod = rs.getString("payment_method");
        String error = rs.getString("last_payment_error");
        intent.lastPaymentError = error == null ? null : json.readValue(error, PaymentError.class);
        String action = rs.getString("next_action");
        intent.nextAction = action == null ? null : json.readValue(action, NextAction.class);
        intent.cancellationReason = rs.getString("cancellation_reason");
        intent.captureBefore = instant(rs.getTimestamp("capture_before"));
        intent.canceledAt = instant(rs.getTimestamp("canceled_at"));
        intent.updated = rs.getTimestamp("updated_at").toInstant();
        return intent;
    }

    private static String secretContext(String id) {
        return "payment_intent:" + id;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
