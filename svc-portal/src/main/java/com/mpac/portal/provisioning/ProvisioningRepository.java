package com.mpac.portal.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Terminals as provisioning sees them, their activation codes and the device facts they reported. */
@Repository
class ProvisioningRepository {

    /** A terminal, where it sits in the tenant tree, and its status (PENDING, ACTIVE, DISABLED). */
    record TerminalRow(String terminalId, String storeId, String merchantId, String pspId, String status) {
    }

    record PendingCode(String codeId, String terminalId, Instant expiresAt) {
    }

    record LatestCode(String status, Instant expiresAt, @Nullable Instant usedAt) {
    }

    private static final String TERMINAL = """
            SELECT t.terminal_id, t.store_id, t.merchant_id, m.psp_id, t.status
            FROM terminal t JOIN merchant m ON m.merchant_id = t.merchant_id
            WHERE t.terminal_id = :id
            """;

    private final JdbcClient jdbc;

    ProvisioningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TerminalRow> find(String terminalId) {
        return jdbc.sql(TERMINAL).param("id", terminalId).query(ProvisioningRepository::terminal).optional();
    }

    /** The terminal, locked until the transaction ends: everything that changes a terminal's binding takes it. */
    Optional<TerminalRow> lock(String terminalId) {
        return jdbc.sql(TERMINAL + " FOR UPDATE OF t").param("id", terminalId)
                .query(ProvisioningRepository::terminal).optional();
    }

    /** The serial number the registry holds for the terminal (entered by an admin, or bound by an activation). */
    Optional<String> registeredSerial(String terminalId) {
        return jdbc.sql("SELECT serial_number FROM terminal WHERE terminal_id = :id AND serial_number IS NOT NULL")
                .param("id", terminalId).query(String.class).optional();
    }

    /** Whether another terminal that is not disabled holds this serial (the registry allows one at a time). */
    boolean serialHeldElsewhere(String serialNumber, String terminalId) {
        return jdbc.sql("""
                SELECT count(*) FROM terminal
                WHERE serial_number = :serial AND terminal_id <> :id AND status <> 'DISABLED'
                """)
                .param("serial", serialNumber).param("id", terminalId).query(Long.class).single() > 0;
    }

    void activate(String terminalId, String serialNumber) {
        jdbc.sql("""
                UPDATE terminal SET status = 'ACTIVE', serial_number = :serial, updated_at = now()
                WHERE terminal_id = :id
                """)
                .param("serial", serialNumber).param("id", terminalId).update();
    }

    void setStatus(String terminalId, String status) {
        jdbc.sql("UPDATE terminal SET status = :status, updated_at = now() WHERE terminal_id = :id")
                .param("status", status).param("id", terminalId).update();
    }

    int revokePendingCodes(String terminalId, Instant now) {
        return jdbc.sql("""
                UPDATE activation_code SET status = 'REVOKED', revoked_at = :now
                WHERE terminal_id = :id AND status = 'PENDING'
                """)
                .param("id", terminalId).param("now", Timestamp.from(now)).update();
    }

    /** False when another pending code has the same hash (a one in billions chance): the caller draws again. */
    boolean insertCode(String codeId, String terminalId, String codeHash, String createdBy, Instant createdAt,
            Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO activation_code
                    (code_id, terminal_id, code_hash, status, created_by, created_at, expires_at)
                VALUES (:codeId, :terminalId, :hash, 'PENDING', :createdBy, :createdAt, :expiresAt)
                ON CONFLICT (code_hash) WHERE status = 'PENDING' DO NOTHING
                """)
                .param("codeId", codeId).param("terminalId", terminalId).param("hash", codeHash)
                .param("createdBy", createdBy).param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .update() == 1;
    }

    Optional<PendingCode> findPendingCode(String codeHash) {
        return jdbc.sql("""
                SELECT code_id, terminal_id, expires_at FROM activation_code
                WHERE code_hash = :hash AND status = 'PENDING'
                """)
                .param("hash", codeHash)
                .query((rs, n) -> new PendingCode(rs.getString(1), rs.getString(2), instant(rs, 3)))
                .optional();
    }

    /** Spends the code if it is still pending: of two concurrent activations only one can win. */
    boolean markUsed(String codeId, Instant now) {
        return jdbc.sql("""
                UPDATE activation_code SET status = 'USED', used_at = :now
                WHERE code_id = :id AND status = 'PENDING'
                """)
                .param("id", codeId).param("now", Timestamp.from(now)).update() == 1;
    }

    Optional<LatestCode> latestCode(String terminalId) {
        return jdbc.sql("""
                SELECT status, expires_at, used_at FROM activation_code
                WHERE terminal_id = :id ORDER BY created_at DESC, code_id DESC LIMIT 1
                """)
                .param("id", terminalId)
                .query((rs, n) -> new LatestCode(rs.getString(1), instant(rs, 2), instant(rs, 3)))
                .optional();
    }

    Optional<Instant> activatedAt(String terminalId) {
        return jdbc.sql("SELECT activated_at FROM terminal_device WHERE terminal_id = :id")
                .param("id", terminalId)
                .query((rs, n) -> instant(rs, 1))
                .optional();
    }

    void bindDevice(String terminalId, String serialNumber, String model, String appVersion, String clientId,
            Instant now) {
        jdbc.sql("""
                INSERT INTO terminal_device (terminal_id, serial_number, model, app_version, client_id, activated_at,
                                             credentials_rotated_at, updated_at)
                VALUES (:id, :serial, :model, :appVersion, :clientId, :now, NULL, now())
                ON CONFLICT (terminal_id) DO UPDATE SET
                    serial_number = EXCLUDED.serial_number, model = EXCLUDED.model, app_version = EXCLUDED.app_version,
                    client_id = EXCLUDED.client_id, activated_at = EXCLUDED.activated_at,
                    credentials_rotated_at = NULL, updated_at = now()
                """)
                .param("id", terminalId).param("serial", serialNumber).param("model", model)
                .param("appVersion", appVersion).param("clientId", clientId).param("now", Timestamp.from(now))
                .update();
    }

    void credentialsRotated(String terminalId, Instant now) {
        jdbc.sql("""
                UPDATE terminal_device SET credentials_rotated_at = :now, updated_at = now()
                WHERE terminal_id = :id
                """)
                .param("id", terminalId).param("now", Timestamp.from(now)).update();
    }

    void unbindClient(String terminalId) {
        jdbc.sql("UPDATE terminal_device SET client_id = NULL, updated_at = now() WHERE terminal_id = :id")
                .param("id", terminalId).update();
    }

    /** Codes are history once spent, revoked or expired; a week of it is enough for support questions. */
    int purgeCodes(Instant expiredBefore) {
        return jdbc.sql("DELETE FROM activation_code WHERE expires_at < :before")
                .param("before", Timestamp.from(expiredBefore)).update();
    }

    private static TerminalRow terminal(ResultSet rs, int row) throws SQLException {
        return new TerminalRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return (value == null) ? null : value.toInstant();
    }
}
