package com.mpac.mia.terminal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ActivationRepository {

    private final JdbcClient jdbc;

    ActivationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Activation(UUID id, String terminalId, ActivationState state, String otpHash, int leftAttempts,
            int leftResends, Instant lastSentAt, String phone) {
    }

    void insert(UUID id, String terminalId, String otpHash, int attempts, int resends, String phone,
            ActivationRequests.Device device, Instant now) {
        jdbc.sql("""
                INSERT INTO activation (activation_id, terminal_id, status, otp_hash, left_attempts, left_resends,
                    last_sent_at, phone, device, platform_type, installation_id, pos_app_version, created_at)
                VALUES (:id, :terminalId, 'PENDING', :otp, :attempts, :resends, :now, :phone, :device, :platform,
                    :installation, :version, :now)
                """)
                .param("id", id).param("terminalId", terminalId).param("otp", otpHash).param("attempts", attempts)
                .param("resends", resends).param("now", java.sql.Timestamp.from(now)).param("phone", phone)
                .param("device", device.device()).param("platform", device.platformType())
                .param("installation", device.installationId()).param("version", device.posAppVersion())
                .update();
    }

    /**
     * Locks the terminal's row, so concurrent inits of one terminal count one after the other, and answers when
     * the oldest of its inits since {@code since} was made and how many there were.
     */
    InitsSince lockTerminalAndCountInits(String terminalId, Instant since) {
        jdbc.sql("SELECT terminal_id FROM terminal WHERE terminal_id = :id FOR UPDATE").param("id", terminalId)
                .query(String.class).single();
        return jdbc.sql("""
                SELECT count(*) AS inits, min(created_at) AS oldest FROM activation
                WHERE terminal_id = :id AND created_at > :since
                """).param("id", terminalId).param("since", java.sql.Timestamp.from(since))
                .query((rs, n) -> new InitsSince(rs.getInt("inits"),
                        rs.getTimestamp("oldest") == null ? null : rs.getTimestamp("oldest").toInstant()))
                .single();
    }

    record InitsSince(int count, Instant oldest) {
    }

    Optional<Activation> lock(UUID id) {
        return jdbc.sql("""
                SELECT activation_id, terminal_id, status, otp_hash, left_attempts, left_resends, last_sent_at, phone
                FROM activation WHERE activation_id = :id FOR UPDATE
                """).param("id", id)
                .query((rs, n) -> new Activation(rs.getObject("activation_id", UUID.class),
                        rs.getString("terminal_id"), ActivationState.valueOf(rs.getString("status")),
                        rs.getString("otp_hash"), rs.getInt("left_attempts"), rs.getInt("left_resends"),
                        rs.getTimestamp("last_sent_at").toInstant(), rs.getString("phone")))
                .optional();
    }

    Optional<String> terminalOf(UUID id) {
        return jdbc.sql("SELECT terminal_id FROM activation WHERE activation_id = :id").param("id", id)
                .query(String.class).optional();
    }

    Optional<String> activeTerminalOf(UUID id) {
        return jdbc.sql("SELECT terminal_id FROM activation WHERE activation_id = :id AND status = 'ACTIVE'")
                .param("id", id).query(String.class).optional();
    }

    void resent(UUID id, String otpHash, Instant now) {
        jdbc.sql("""
                UPDATE activation SET otp_hash = :otp, left_resends = left_resends - 1, last_sent_at = :now
                WHERE activation_id = :id
                """).param("id", id).param("otp", otpHash).param("now", java.sql.Timestamp.from(now)).update();
    }

    void failedAttempt(UUID id, ActivationState state) {
        jdbc.sql("UPDATE activation SET left_attempts = left_attempts - 1, status = :status WHERE activation_id = :id")
                .param("id", id).param("status", state.name()).update();
    }

    /** Activates this binding; any earlier active binding of the terminal is revoked (one device per terminal). */
    void activate(UUID id, String terminalId) {
        jdbc.sql("""
                UPDATE activation SET status = 'REVOKED' WHERE terminal_id = :terminalId AND status = 'ACTIVE'
                """).param("terminalId", terminalId).update();
        jdbc.sql("UPDATE activation SET status = 'ACTIVE', activated_at = now() WHERE activation_id = :id")
                .param("id", id).update();
    }

    void sendSms(UUID activationId, String phone, String text) {
        jdbc.sql("INSERT INTO sms_outbox (activation_id, phone, text) VALUES (:id, :phone, :text)")
                .param("id", activationId).param("phone", phone).param("text", text).update();
    }
}
