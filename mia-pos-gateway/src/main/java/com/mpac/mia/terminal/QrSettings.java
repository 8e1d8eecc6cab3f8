package com.mpac.mia.terminal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.mia.error.MiaException;

/**
 * A terminal's QR settings. A terminal without stored settings has the document's defaults (dynamic, fixed,
 * 300 s, changes allowed). Once {@code prohibitSettingsChange} is true the POS can no longer change them.
 */
@Service
public class QrSettings {

    public record Settings(String qrType, String qrAmountType, int qrTtl, boolean prohibitSettingsChange,
            LocalDateTime whenUpdated) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    QrSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Settings of(String terminalId) {
        return jdbc.sql("""
                SELECT qr_type, qr_amount_type, qr_ttl, prohibit_settings_change, when_updated
                FROM qr_settings WHERE terminal_id = :id
                """).param("id", terminalId)
                .query((rs, n) -> new Settings(rs.getString("qr_type"), rs.getString("qr_amount_type"),
                        rs.getInt("qr_ttl"), rs.getBoolean("prohibit_settings_change"),
                        LocalDateTime.ofInstant(rs.getTimestamp("when_updated").toInstant(), ZoneOffset.UTC)))
                .optional().orElse(new Settings("dynamic", "fixed", 300, false, null));
    }

    /** Stores new settings under the row lock unless the stored ones prohibit changes. */
    @Transactional
    Settings set(String terminalId, String qrType, String qrAmountType, int qrTtl, boolean prohibit) {
        Boolean prohibited = jdbc.sql("""
                SELECT prohibit_settings_change FROM qr_settings WHERE terminal_id = :id FOR UPDATE
                """).param("id", terminalId).query(Boolean.class).optional().orElse(false);
        if (prohibited) {
            throw new MiaException(HttpStatus.FORBIDDEN, "settings_change_prohibited",
                    "This terminal's settings may not be changed from the POS.");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO qr_settings (terminal_id, qr_type, qr_amount_type, qr_ttl, prohibit_settings_change,
                    when_updated)
                VALUES (:id, :type, :amountType, :ttl, :prohibit, :now)
                ON CONFLICT (terminal_id) DO UPDATE SET qr_type = excluded.qr_type,
                    qr_amount_type = excluded.qr_amount_type, qr_ttl = excluded.qr_ttl,
                    prohibit_settings_change = excluded.prohibit_settings_change, when_updated = excluded.when_updated
                """).param("id", terminalId).param("type", qrType).param("amountType", qrAmountType)
                .param("ttl", qrTtl).param("prohibit", prohibit).param("now", Timestamp.from(now)).update();
        return of(terminalId);
    }
}
