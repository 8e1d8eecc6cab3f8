package com.mpac.mia.terminal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SellerRepository {

    private final JdbcClient jdbc;

    SellerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long upsertSeller(String userId, String email) {
        return jdbc.sql("""
                INSERT INTO seller (user_id, email) VALUES (:userId, :email)
                ON CONFLICT (user_id) DO UPDATE SET email = excluded.email RETURNING seller_id
                """).param("userId", userId).param("email", email).query(Long.class).single();
    }

    void insertSession(UUID id, UUID activationId, long sellerId, String accessHash, Instant accessExpires,
            String refreshHash, Instant refreshExpires) {
        jdbc.sql("""
                INSERT INTO seller_session (session_id, activation_id, seller_id, access_hash, access_expires_at,
                    refresh_hash, refresh_expires_at, status)
                VALUES (:id, :activationId, :sellerId, :access, :accessExpires, :refresh, :refreshExpires, 'ACTIVE')
                """).param("id", id).param("activationId", activationId).param("sellerId", sellerId)
                .param("access", accessHash).param("accessExpires", Timestamp.from(accessExpires))
                .param("refresh", refreshHash).param("refreshExpires", Timestamp.from(refreshExpires)).update();
    }

    /** Rotates both tokens if the refresh token is current; the old one stops working in the same statement. */
    boolean rotate(String oldRefreshHash, UUID activationId, String accessHash, Instant accessExpires,
            String refreshHash, Instant refreshExpires, Instant now) {
        return jdbc.sql("""
                UPDATE seller_session s SET access_hash = :access, access_expires_at = :accessExpires,
                    refresh_hash = :refresh, refresh_expires_at = :refreshExpires
                FROM activation a
                WHERE s.refresh_hash = :old AND s.activation_id = :activationId AND s.status = 'ACTIVE'
                  AND s.refresh_expires_at > :now AND a.activation_id = s.activation_id AND a.status = 'ACTIVE'
                """).param("old", oldRefreshHash).param("activationId", activationId).param("access", accessHash)
                .param("accessExpires", Timestamp.from(accessExpires)).param("refresh", refreshHash)
                .param("refreshExpires", Timestamp.from(refreshExpires)).param("now", Timestamp.from(now))
                .update() == 1;
    }

    boolean logout(String refreshHash) {
        return jdbc.sql("""
                UPDATE seller_session SET status = 'LOGGED_OUT' WHERE refresh_hash = :refresh AND status = 'ACTIVE'
                """).param("refresh", refreshHash).update() == 1;
    }

    record SessionRow(UUID sessionId, long sellerId, String email, UUID activationId, String terminalId) {
    }

    Optional<SessionRow> findByAccess(String accessHash, Instant now) {
        return jdbc.sql("""
                SELECT s.session_id, s.seller_id, u.email, s.activation_id, a.terminal_id
                FROM seller_session s JOIN seller u USING (seller_id) JOIN activation a USING (activation_id)
                WHERE s.access_hash = :access AND s.status = 'ACTIVE' AND s.access_expires_at > :now
                  AND a.status = 'ACTIVE'
                """).param("access", accessHash).param("now", Timestamp.from(now))
                .query((rs, n) -> new SessionRow(rs.getObject("session_id", UUID.class), rs.getLong("seller_id"),
                        rs.getString("email"), rs.getObject("activation_id", UUID.class),
                        rs.getString("terminal_id")))
                .optional();
    }
}
