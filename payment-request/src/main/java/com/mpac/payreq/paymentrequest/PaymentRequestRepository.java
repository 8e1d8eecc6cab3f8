package com.mpac.payreq.paymentrequest;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment requests, always scoped to the merchant that owns them: another merchant's request is not found. */
@Repository
class PaymentRequestRepository {

    private static final String COLUMNS = """
            payment_request_id, transaction_type, customer_tran_id, customer_tran_ref, amount, tax_amount,
            tax_percent, additional_info::text AS additional_info, misc_data, processor_name, prompt_for_tax,
            prompt_for_tips, terms_and_transaction_info, usage_count_limit, current_usage_count, is_enabled,
            activation_date, expiration_date, websocket_token_sealed, date_created,
            """ + PaymentRequestStatus.SQL + " AS status";

    private final JdbcClient jdbc;

    PaymentRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String merchantId, UUID id, Terms terms, String currency, String tokenHash, String tokenSealed) {
        jdbc.sql("""
                INSERT INTO payment_request (payment_request_id, merchant_id, transaction_type, customer_tran_id,
                    customer_tran_ref, currency, amount, tax_amount, tax_percent, additional_info, misc_data,
                    processor_name, prompt_for_tax, prompt_for_tips, terms_and_transaction_info, usage_count_limit,
                    is_enabled, activation_date, expiration_date, websocket_token_hash, websocket_token_sealed)
                VALUES (:id, :merchantId, :transactionType, :customerTranId, :customerTranRef, :currency, :amount,
                    :taxAmount, :taxPercent, CAST(:additionalInfo AS jsonb), :miscData, :processorName,
                    :promptForTax, :promptForTips, :terms, :usageCountLimit, :isEnabled, :activation, :expiration,
                    :tokenHash, :tokenSealed)
                """)
                .paramSource(params(terms).addValue("id", id).addValue("merchantId", merchantId)
                        .addValue("currency", currency).addValue("tokenHash", tokenHash)
                        .addValue("tokenSealed", tokenSealed))
                .update();
    }

    /** Replaces the terms; {@code false} when the request is not the merchant's. */
    boolean update(String merchantId, UUID id, Terms terms) {
        return jdbc.sql("""
                UPDATE payment_request SET transaction_type = :transactionType, customer_tran_id = :customerTranId,
                    customer_tran_ref = :customerTranRef, amount = :amount, tax_amount = :taxAmount,
                    tax_percent = :taxPercent, additional_info = CAST(:additionalInfo AS jsonb),
                    misc_data = :miscData, processor_name = :processorName, prompt_for_tax = :promptForTax,
                    prompt_for_tips = :promptForTips, terms_and_transaction_info = :terms,
                    usage_count_limit = :usageCountLimit, is_enabled = :isEnabled, activation_date = :activation,
                    expiration_date = :expiration, date_updated = now()
                WHERE payment_request_id = :id AND merchant_id = :merchantId
                """)
                .paramSource(params(terms).addValue("id", id).addValue("merchantId", merchantId))
                .update() == 1;
    }

    Optional<Row> find(String merchantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                + " FROM payment_request WHERE payment_request_id = :id AND merchant_id = :merchantId")
                .param("id", id).param("merchantId", merchantId).query(this::row).optional();
    }

    /** The row under its lock: payments of the request wait for a PUT to finish, and the other way round. */
    Optional<Row> lock(String merchantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                + " FROM payment_request WHERE payment_request_id = :id AND merchant_id = :merchantId FOR UPDATE")
                .param("id", id).param("merchantId", merchantId).query(this::row).optional();
    }

    long count(String merchantId, Instant from, Instant to, Integer status) {
        return jdbc.sql("SELECT count(*) FROM payment_request" + where(status))
                .param("merchantId", merchantId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("status", status)
                .query(Long.class).single();
    }

    List<Row> page(String merchantId, Instant from, Instant to, Integer status, int size, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_request" + where(status)
                + " ORDER BY date_created, payment_request_id LIMIT :size OFFSET :offset")
                .param("merchantId", merchantId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("status", status).param("size", size).param("offset", offset)
                .query(this::row).list();
    }

    /** The latest {@code limit} payments of the request, oldest first. */
    List<PaymentRequestResponses.Transaction> transactions(UUID id, int limit) {
        return jdbc.sql("""
                SELECT * FROM (
                    SELECT transaction_id, result, method, amount, tax_amount, tip_amount, total_amount, masked_pan,
                        card_brand, processor_reference, decline_reason, date_created
                    FROM payment_transaction WHERE payment_request_id = :id
                    ORDER BY date_created DESC, transaction_id DESC LIMIT :limit) latest
                ORDER BY date_created, transaction_id
                """)
                .param("id", id).param("limit", limit)
                .query((rs, n) -> new PaymentRequestResponses.Transaction(rs.getString("transaction_id"),
                        rs.getString("result"), rs.getString("method"), rs.getBigDecimal("amount"),
                        rs.getBigDecimal("tax_amount"), rs.getBigDecimal("tip_amount"),
                        rs.getBigDecimal("total_amount"), rs.getString("masked_pan"), rs.getString("card_brand"),
                        rs.getString("processor_reference"), rs.getString("decline_reason"),
                        WireDates.withOffset(rs.getTimestamp("date_created").toInstant())))
                .list();
    }

    long transactionCount(UUID id) {
        return jdbc.sql("SELECT count(*) FROM payment_transaction WHERE payment_request_id = :id")
                .param("id", id).query(Long.class).single();
    }

    private static String where(Integer status) {
        return " WHERE merchant_id = :merchantId AND date_created >= :from AND date_created < :to"
                + (status == null ? "" : " AND " + PaymentRequestStatus.SQL
                        + " = :status");
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        Terms terms = new Terms(rs.getInt("transaction_type"), rs.getString("customer_tran_id"),
                rs.getString("customer_tran_ref"), rs.getBigDecimal("amount"), rs.getBigDecimal("tax_amount"),
                rs.getBigDecimal("tax_percent"), rs.getString("additional_info"), rs.getString("misc_data"),
                rs.getString("processor_name"), rs.getBoolean("prompt_for_tax"), rs.getBoolean("prompt_for_tips"),
                rs.getString("terms_and_transaction_info"), rs.getInt("usage_count_limit"),
                rs.getBoolean("is_enabled"), rs.getTimestamp("activation_date").toInstant(),
                rs.getTimestamp("expiration_date").toInstant());
        return new Row(UUID.fromString(rs.getString("payment_request_id")), terms, rs.getInt("current_usage_count"),
                rs.getTimestamp("date_created").toInstant(), rs.getString("websocket_token_sealed"),
                rs.getInt("status"));
    }

    /** Everything the merchant sets, validated and normalised to the currency's scale. */
    record Terms(int transactionType, String customerTranId, String customerTranRef, BigDecimal amount,
            BigDecimal taxAmount, BigDecimal taxPercent, String additionalInfo, String miscData,
            String processorName, boolean promptForTax, boolean promptForTips, String termsAndTransactionInfo,
            int usageCountLimit, boolean isEnabled, Instant activationDate, Instant expirationDate) {
    }

    record Row(UUID id, Terms terms, int currentUsageCount, Instant dateCreated, String tokenSealed, int status) {
    }

    private static MapSqlParameterSource params(Terms t) {
        return new MapSqlParameterSource()
                .addValue("transactionType", t.transactionType())
                .addValue("customerTranId", t.customerTranId())
                .addValue("customerTranRef", t.customerTranRef())
                .addValue("amount", t.amount())
                .addValue("taxAmount", t.taxAmount())
                .addValue("taxPercent", t.taxPercent())
                .addValue("additionalInfo", t.additionalInfo())
                .addValue("miscData", t.miscData())
                .addValue("processorName", t.processorName())
                .addValue("promptForTax", t.promptForTax())
                .addValue("promptForTips", t.promptForTips())
                .addValue("terms", t.termsAndTransactionInfo())
                .addValue("usageCountLimit", t.usageCountLimit())
                .addValue("isEnabled", t.isEnabled())
                .addValue("activation", Timestamp.from(t.activationDate()))
                .addValue("expiration", Timestamp.from(t.expirationDate()));
    }
}
