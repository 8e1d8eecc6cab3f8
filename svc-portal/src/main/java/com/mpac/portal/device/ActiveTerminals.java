package com.mpac.portal.device;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Terminals that may hold device tokens: the terminal is ACTIVE and so is every node above it. Asked on every token
 * request, so a deactivated terminal (or a suspended store, merchant or PSP) is refused its next token at once.
 */
@Repository
class ActiveTerminals {

    /** Where an active terminal sits in the tenant tree. */
    record ActiveTerminal(String terminalId, String storeId, String merchantId, String pspId) {
    }

    private final JdbcClient jdbc;

    ActiveTerminals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ActiveTerminal> find(String terminalId) {
        return jdbc.sql("""
                SELECT t.terminal_id, t.store_id, t.merchant_id, m.psp_id
                FROM terminal t
                JOIN store s ON s.store_id = t.store_id
                JOIN merchant m ON m.merchant_id = t.merchant_id
                JOIN psp p ON p.psp_id = m.psp_id
                WHERE t.terminal_id = :id AND t.status = 'ACTIVE' AND s.status = 'ACTIVE'
                  AND m.status = 'ACTIVE' AND p.status = 'ACTIVE'
                """)
                .param("id", terminalId)
                .query((rs, n) -> new ActiveTerminal(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .optional();
    }
}
