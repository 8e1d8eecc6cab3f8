package com.mpac.mobilepay.pos;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.mobilepay.pos.PosResponses.CheckInStatusResponse;
import com.mpac.mobilepay.pos.PosResponses.StoreResponse;
import com.mpac.mobilepay.pos.PosResponses.StoreTerminal;

@Repository
class PosRepository {

    private static final RowMapper<Pos> POS = (rs, n) -> new Pos(rs.getString("pos_id"), rs.getString("merchant_id"),
            rs.getString("terminal_id"), rs.getString("store_id"), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    PosRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TerminalRow> findTerminal(String merchantId, String terminalId) {
        return jdbc.sql("""
                SELECT terminal_id, store_id, status, provider_terminal_id FROM terminal
                WHERE merchant_id = :m AND terminal_id = :t
                """)
                .param("m", merchantId).param("t", terminalId)
                .query((rs, n) -> new TerminalRow(rs.getString("terminal_id"), rs.getString("store_id"),
                        rs.getString("status"), rs.getString("provider_terminal_id")))
                .optional();
    }

    Pos insert(String posId, String merchantId, String terminalId, String storeId) {
        return jdbc.sql("""
                INSERT INTO pos (pos_id, merchant_id, terminal_id, store_id)
                VALUES (:posId, :m, :t, :s)
                RETURNING *
                """)
                .param("posId", posId).param("m", merchantId).param("t", terminalId).param("s", storeId)
                .query(POS).single();
    }

    /** The terminal's live PoS, locked when asked (payments start and PoS deletions serialise on it). */
    Optional<Pos> findLiveByTerminal(String merchantId, String terminalId, boolean lock) {
        return jdbc.sql("SELECT * FROM pos WHERE merchant_id = :m AND terminal_id = :t AND deleted_at IS NULL"
                + (lock ? " FOR UPDATE" : ""))
                .param("m", merchantId).param("t", terminalId).query(POS).optional();
    }

    Optional<Pos> findLive(String merchantId, String posId, boolean lock) {
        return jdbc.sql("SELECT * FROM pos WHERE merchant_id = :m AND pos_id = :p AND deleted_at IS NULL"
                + (lock ? " FOR UPDATE" : ""))
                .param("m", merchantId).param("p", posId).query(POS).optional();
    }

    /** A live PoS whatever its merchant: the shopper's side knows only the PoS it scanned. */
    Optional<Pos> findLiveAnyMerchant(String posId, boolean lock) {
        return jdbc.sql("SELECT * FROM pos WHERE pos_id = :p AND deleted_at IS NULL" + (lock ? " FOR UPDATE" : ""))
                .param("p", posId).query(POS).optional();
    }

    OffsetDateTime markDeleted(String posId) {
        jdbc.sql("DELETE FROM check_in WHERE pos_id = :p").param("p", posId).update();
        return jdbc.sql("UPDATE pos SET deleted_at = now() WHERE pos_id = :p RETURNING deleted_at")
                .param("p", posId).query(OffsetDateTime.class).single();
    }

    List<String> storeIds(String merchantId) {
        return jdbc.sql("SELECT store_id FROM store WHERE merchant_id = :m ORDER BY store_id")
                .param("m", merchantId).query(String.class).list();
    }

    Optional<StoreResponse> store(String merchantId, String storeId) {
        List<StoreTerminal> terminals = jdbc.sql("""
                SELECT t.terminal_id, t.status, p.pos_id FROM terminal t
                LEFT JOIN pos p ON p.merchant_id = t.merchant_id AND p.terminal_id = t.terminal_id
                                AND p.deleted_at IS NULL
                WHERE t.merchant_id = :m AND t.store_id = :s ORDER BY t.terminal_id
                """)
                .param("m", merchantId).param("s", storeId)
                .query((rs, n) -> new StoreTerminal(rs.getString("terminal_id"), rs.getString("status"),
                        rs.getString("pos_id")))
                .list();
        return jdbc.sql("SELECT store_id, name, status, timezone FROM store WHERE merchant_id = :m AND store_id = :s")
                .param("m", merchantId).param("s", storeId)
                .query((rs, n) -> new StoreResponse(rs.getString("store_id"), rs.getString("name"),
                        rs.getString("status"), rs.getString("timezone"), terminals))
                .optional();
    }

    CheckInStatusResponse checkInStatus(Pos pos) {
        return jdbc.sql("SELECT customer_id, customer_name, checked_in_at FROM check_in WHERE pos_id = :p")
                .param("p", pos.posId())
                .query((rs, n) -> new CheckInStatusResponse(pos.posId(), pos.terminalId(), true,
                        rs.getString("customer_id"), rs.getString("customer_name"),
                        rs.getObject("checked_in_at", OffsetDateTime.class)))
                .optional()
                .orElse(new CheckInStatusResponse(pos.posId(), pos.terminalId(), false, null, null, null));
    }

    void checkIn(String posId, String customerId, String customerName) {
        jdbc.sql("""
                INSERT INTO check_in (pos_id, customer_id, customer_name) VALUES (:p, :c, :n)
                ON CONFLICT (pos_id) DO UPDATE SET customer_id = excluded.customer_id,
                    customer_name = excluded.customer_name, checked_in_at = now()
                """)
                .param("p", posId).param("c", customerId).param("n", customerName).update();
    }

    boolean checkOut(String posId) {
        return jdbc.sql("DELETE FROM check_in WHERE pos_id = :p").param("p", posId).update() == 1;
    }

    Optional<String> checkedInCustomer(String posId) {
        return jdbc.sql("SELECT customer_id FROM check_in WHERE pos_id = :p").param("p", posId)
                .query(String.class).optional();
    }

    record TerminalRow(String terminalId, String storeId, String status, String providerTerminalId) {
    }
}
