package com.mpac.mia.payment;

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

import com.mpac.mia.payment.PaymentRecords.ExtensionRow;
import com.mpac.mia.payment.PaymentRecords.QrRow;
import com.mpac.mia.payment.PaymentRecords.ShiftRow;
import com.mpac.mia.payment.PaymentRecords.TxRow;

@Repository
class PaymentRepository {

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Shifts

    Optional<ShiftRow> openShift(String terminalId, boolean lock) {
        return jdbc.sql("SELECT * FROM shift WHERE terminal_id = :t AND status = 'OPEN'" + (lock ? " FOR UPDATE" : ""))
                .param("t", terminalId).query(PaymentRepository::shift).optional();
    }

    Optional<ShiftRow> shift(UUID shiftId, String terminalId) {
        return jdbc.sql("SELECT * FROM shift WHERE shift_id = :id AND terminal_id = :t")
                .param("id", shiftId).param("t", terminalId).query(PaymentRepository::shift).optional();
    }

    /** Inserts an open shift; the partial unique index refuses a second one for the terminal (false). */
    boolean insertShift(UUID shiftId, String terminalId, long sellerId) {
        return jdbc.sql("""
                INSERT INTO shift (shift_id, terminal_id, seller_id, status) VALUES (:id, :t, :seller, 'OPEN')
                ON CONFLICT (terminal_id) WHERE status = 'OPEN' DO NOTHING
                """).param("id", shiftId).param("t", terminalId).param("seller", sellerId).update() == 1;
    }

    void closeShift(UUID shiftId) {
        jdbc.sql("UPDATE shift SET status = 'CLOSED', closed_at = now() WHERE shift_id = :id AND status = 'OPEN'")
                .param("id", shiftId).update();
    }

    void cancelActiveQrOfShift(UUID shiftId) {
        jdbc.sql("""
                UPDATE qr_extension SET status = 'cancelled' WHERE status = 'active'
                  AND qr_id IN (SELECT qr_id FROM qr_code WHERE shift_id = :id)
                """).param("id", shiftId).update();
        jdbc.sql("UPDATE qr_code SET status = 'cancelled' WHERE shift_id = :id AND status = 'active'")
                .param("id", shiftId).update();
    }

    private static ShiftRow shift(ResultSet rs, int n) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new ShiftRow(rs.getObject("shift_id", UUID.class), rs.getString("terminal_id"), rs.getLong("seller_id"),
                rs.getString("status"), rs.getTimestamp("opened_at").toInstant(),
                closed == null ? null : closed.toInstant());
    }

    String sellerEmail(long sellerId) {
        return jdbc.sql("SELECT email FROM seller WHERE seller_id = :id").param("id", sellerId).query(String.class)
                .single();
    }

    List<TxRow> allShiftTransactions(UUID shiftId) {
        return jdbc.sql(TX_SELECT + "WHERE shift_id = :shift ORDER BY tx_id").param("shift", shiftId)
                .query(PaymentRepository::tx).list();
    }

    // QR codes and extensions

    /** Extensions past their expiry become expired, and dynamic codes with them (lazily, before each read). */
    void expireDue(Instant now) {
        List<UUID> expired = jdbc.sql("""
                UPDATE qr_extension SET status = 'expired'
                WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= :now RETURNING qr_id
                """).param("now", Timestamp.from(now)).query(UUID.class).list();
        if (!expired.isEmpty()) {
            jdbc.sql("""
                    UPDATE qr_code SET status = 'expired'
                    WHERE qr_id IN (:ids) AND qr_type = 'dynamic' AND status = 'active'
                    """).param("ids", expired).update();
        }
    }

    void insertQr(QrRow qr) {
        jdbc.sql("""
                INSERT INTO qr_code (qr_id, terminal_id, shift_id, qr_type, amount_type, reference, qr_text, status,
                    api_version)
                VALUES (:id, :t, :shift, :type, :amountType, :reference, :text, 'active', :version)
                """).param("id", qr.qrId()).param("t", qr.terminalId()).param("shift", qr.shiftId())
                .param("type", qr.qrType()).param("amountType", qr.amountType()).param("reference", qr.reference())
                .param("text", qr.qrText()).param("version", qr.apiVersion()).update();
    }

    void insertExtension(ExtensionRow extension) {
        jdbc.sql("""
                INSERT INTO qr_extension (extension_id, qr_id, status, amount, min_amount, max_amount, expires_at)
                VALUES (:id, :qr, 'active', :amount, :min, :max, :expires)
                """).param("id", extension.extensionId()).param("qr", extension.qrId())
                .param("amount", extension.amount()).param("min", extension.minAmount())
                .param("max", extension.maxAmount())
                .param("expires", extension.expiresAt() == null ? null : Timestamp.from(extension.expiresAt()))
                .update();
    }

    private static final String QR_SELECT = "SELECT * FROM qr_code ";

    Optional<QrRow> qr(UUID qrId, String terminalId, boolean lock) {
        return jdbc.sql(QR_SELECT + "WHERE qr_id = :id AND terminal_id = :t" + (lock ? " FOR UPDATE" : ""))
                .param("id", qrId).param("t", terminalId).query(PaymentRepository::qr).optional();
    }

    Optional<QrRow> qrByReferenceForUpdate(String reference) {
        return jdbc.sql(QR_SELECT + "WHERE reference = :r FOR UPDATE").param("r", reference)
                .query(PaymentRepository::qr).optional();
    }

    List<QrRow> activeQrs(String terminalId, String type) {
        return jdbc.sql(QR_SELECT + """
                WHERE terminal_id = :t AND status = 'active' AND (CAST(:type AS text) IS NULL OR qr_type = :type)
                ORDER BY created_at DESC
                """).param("t", terminalId).param("type", type).query(PaymentRepository::qr).list();
    }

    void setQrState(UUID qrId, QrState state) {
        jdbc.sql("UPDATE qr_code SET status = :s WHERE qr_id = :id").param("id", qrId).param("s", state.name())
                .update();
    }

    private static QrRow qr(ResultSet rs, int n) throws SQLException {
        return new QrRow(rs.getObject("qr_id", UUID.class), rs.getString("terminal_id"),
                rs.getObject("shift_id", UUID.class), rs.getString("qr_type"), rs.getString("amount_type"),
                rs.getString("reference"), rs.getString("qr_text"), QrState.valueOf(rs.getString("status")),
                rs.getInt("api_version"));
    }

    Optional<ExtensionRow> activeExtension(UUID qrId, boolean lock) {
        return jdbc.sql("SELECT * FROM qr_extension WHERE qr_id = :id AND status = 'active'"
                + (lock ? " FOR UPDATE" : "")).param("id", qrId).query(PaymentRepository::extension).optional();
    }

    Optional<ExtensionRow> latestExtension(UUID qrId) {
        return jdbc.sql("SELECT * FROM qr_extension WHERE qr_id = :id ORDER BY created_at DESC LIMIT 1")
                .param("id", qrId).query(PaymentRepository::extension).optional();
    }

    Optional<ExtensionRow> extension(UUID extensionId, String terminalId, boolean lock) {
        return jdbc.sql("""
                SELECT e.* FROM qr_extension e JOIN qr_code q USING (qr_id)
                WHERE e.extension_id = :id AND q.terminal_id = :t
                """ + (lock ? " FOR UPDATE OF e" : "")).param("id", extensionId).param("t", terminalId)
                .query(PaymentRepository::extension).optional();
    }

    void setExtensionState(UUID extensionId, ExtensionState state) {
        jdbc.sql("UPDATE qr_extension SET status = :s WHERE extension_id = :id").param("id", extensionId)
                .param("s", state.name()).update();
    }

    /** Cancels the active extension of a code, if any. */
    void cancelActiveExtension(UUID qrId) {
        jdbc.sql("UPDATE qr_extension SET status = 'cancelled' WHERE qr_id = :id AND status = 'active'")
                .param("id", qrId).update();
    }

    private static ExtensionRow extension(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new ExtensionRow(rs.getObject("extension_id", UUID.class), rs.getObject("qr_id", UUID.class),
                ExtensionState.valueOf(rs.getString("status")), rs.getBigDecimal("amount"),
                rs.getBigDecimal("min_amount"), rs.getBigDecimal("max_amount"),
                expires == null ? null : expires.toInstant());
    }

    // Transactions

    long insertTransaction(String terminalId, UUID shiftId, String type, BigDecimal amount, UUID qrId,
            UUID extensionId, Long originalTxId, String rrn, String approvalCode, String mcc, String swiftType,
            String swiftId, String payerBank, String reasonCode, String reasonMessage) {
        return jdbc.sql("""
                INSERT INTO transaction (terminal_id, shift_id, type, amount, ccy, qr_id, extension_id, original_tx_id,
                    rrn, approval_code, mcc, swift_message_type, swift_message_id, swift_payer_bank, reason_code,
                    reason_message)
                VALUES (:t, :shift, :type, :amount, 'MDL', :qr, :ext, :orig, :rrn, :approval, :mcc, :swiftType,
                    :swiftId, :bank, :reasonCode, :reasonMessage)
                RETURNING tx_id
                """).param("t", terminalId).param("shift", shiftId).param("type", type).param("amount", amount)
                .param("qr", qrId).param("ext", extensionId).param("orig", originalTxId).param("rrn", rrn)
                .param("approval", approvalCode).param("mcc", mcc).param("swiftType", swiftType)
                .param("swiftId", swiftId).param("bank", payerBank).param("reasonCode", reasonCode)
                .param("reasonMessage", reasonMessage).query(Long.class).single();
    }

    private static final String TX_SELECT = "SELECT * FROM transaction ";

    Optional<TxRow> transaction(long txId, String terminalId, boolean lock) {
        return jdbc.sql(TX_SELECT + "WHERE tx_id = :id AND terminal_id = :t" + (lock ? " FOR UPDATE" : ""))
                .param("id", txId).param("t", terminalId).query(PaymentRepository::tx).optional();
    }

    Optional<TxRow> transactionBySwiftId(String swiftMessageId) {
        return jdbc.sql(TX_SELECT + "WHERE swift_message_id = :id").param("id", swiftMessageId)
                .query(PaymentRepository::tx).optional();
    }

    BigDecimal returnedSum(long txId) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM transaction WHERE original_tx_id = :id")
                .param("id", txId).query(BigDecimal.class).single();
    }

    /** A shift's transactions newest first, older than {@code beforeTxId} when given. */
    List<TxRow> shiftTransactions(UUID shiftId, Long beforeTxId, int limit) {
        return jdbc.sql(TX_SELECT + """
                WHERE shift_id = :shift AND (CAST(:before AS bigint) IS NULL OR tx_id < :before)
                ORDER BY tx_id DESC LIMIT :limit
                """).param("shift", shiftId).param("before", beforeTxId).param("limit", limit)
                .query(PaymentRepository::tx).list();
    }

    List<TxRow> extensionPayments(UUID extensionId) {
        return jdbc.sql(TX_SELECT + "WHERE extension_id = :id AND type = 'paid' ORDER BY tx_id DESC")
                .param("id", extensionId).query(PaymentRepository::tx).list();
    }

    private static TxRow tx(ResultSet rs, int n) throws SQLException {
        Long original = rs.getObject("original_tx_id", Long.class);
        return new TxRow(rs.getLong("tx_id"), rs.getString("terminal_id"), rs.getObject("shift_id", UUID.class),
                rs.getString("type"), rs.getBigDecimal("amount"), rs.getString("ccy"),
                rs.getObject("extension_id", UUID.class), original, rs.getString("rrn"),
                rs.getString("approval_code"), rs.getString("mcc"), rs.getString("swift_message_type"),
                rs.getString("swift_message_id"), rs.getString("swift_payer_bank"),
                rs.getTimestamp("created_at").toInstant());
    }
}
