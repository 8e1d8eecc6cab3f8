package com.mpac.mobilepay.merchant;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.sync.MerchantConfiguration;

/** The adapter's copy of merchant configurations and the merchants' POS access tokens. */
@Repository
class MerchantRepository {

    private final JdbcClient jdbc;

    MerchantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the merchant or updates it if the pushed version is newer; {@code false} when nothing changed. A new
     * bioCode invalidates the access token issued for the old one.
     */
    boolean upsertMerchantIfNewer(MerchantConfiguration c, String bioCode, boolean enabled) {
        return jdbc.sql("""
                INSERT INTO merchant (merchant_id, version, name, status, bio_code, mobilepay_enabled)
                VALUES (:merchantId, :version, :name, :status, :bioCode, :enabled)
                ON CONFLICT (merchant_id) DO UPDATE
                SET version = excluded.version, name = excluded.name, status = excluded.status,
                    mobilepay_enabled = excluded.mobilepay_enabled, bio_code = excluded.bio_code,
                    access_token_hash = CASE WHEN merchant.bio_code IS DISTINCT FROM excluded.bio_code THEN NULL
                                             ELSE merchant.access_token_hash END,
                    updated_at = now()
                WHERE merchant.version < excluded.version
                """)
                .param("merchantId", c.merchantId()).param("version", c.version())
                .param("name", c.name()).param("status", c.status().name())
                .param("bioCode", bioCode).param("enabled", enabled)
                .update() == 1;
    }

    long lockedVersion(String merchantId) {
        return jdbc.sql("SELECT version FROM merchant WHERE merchant_id = :id FOR UPDATE")
                .param("id", merchantId).query(Long.class).single();
    }

    /** Stores and terminals as pushed; the adapter's own PoS rows (keyed by terminal id) are left alone. */
    void replaceStoresAndTerminals(MerchantConfiguration c) {
        String merchantId = c.merchantId();
        jdbc.sql("DELETE FROM terminal WHERE merchant_id = :id").param("id", merchantId).update();
        jdbc.sql("DELETE FROM store WHERE merchant_id = :id").param("id", merchantId).update();
        for (MerchantConfiguration.Store store : c.stores()) {
            jdbc.sql("""
                    INSERT INTO store (merchant_id, store_id, name, status, timezone)
                    VALUES (:merchantId, :storeId, :name, :status, :timezone)
                    """)
                    .param("merchantId", merchantId).param("storeId", store.storeId()).param("name", store.name())
                    .param("status", store.status().name()).param("timezone", store.timezone())
                    .update();
            for (MerchantConfiguration.Terminal terminal : store.terminals()) {
                jdbc.sql("""
                        INSERT INTO terminal (merchant_id, terminal_id, store_id, serial_number, status,
                                              provider_terminal_id)
                        VALUES (:merchantId, :terminalId, :storeId, :serial, :status, :providerTerminalId)
                        """)
                        .param("merchantId", merchantId).param("terminalId", terminal.terminalId())
                        .param("storeId", store.storeId()).param("serial", terminal.serialNumber())
                        .param("status", terminal.status().name())
                        .param("providerTerminalId",
                                terminal.providerTerminalIds().get(MerchantConfiguration.Provider.MOBILEPAY))
                        .update();
            }
        }
    }

    Optional<MerchantRow> findActiveByBioCode(String bioCode) {
        return jdbc.sql("""
                SELECT merchant_id, access_token_hash FROM merchant
                WHERE bio_code = :bioCode AND status = 'ACTIVE' AND mobilepay_enabled
                """)
                .param("bioCode", bioCode)
                .query((rs, n) -> new MerchantRow(rs.getString("merchant_id"), rs.getString("access_token_hash")))
                .optional();
    }

    /** Sets the first token of the bioCode's merchant; empty when it has one already or does not exist. */
    Optional<OffsetDateTime> setFirstToken(String bioCode, String tokenHash) {
        return jdbc.sql("""
                UPDATE merchant SET access_token_hash = :hash, access_token_created_at = now()
                WHERE bio_code = :bioCode AND status = 'ACTIVE' AND mobilepay_enabled AND access_token_hash IS NULL
                RETURNING access_token_created_at
                """)
                .param("bioCode", bioCode).param("hash", tokenHash)
                .query(OffsetDateTime.class).optional();
    }

    /** Replaces the token only when the previous one matches (a conditional update: two resets, one wins). */
    Optional<OffsetDateTime> replaceToken(String bioCode, String previousHash, String tokenHash) {
        return jdbc.sql("""
                UPDATE merchant SET access_token_hash = :hash, access_token_created_at = now()
                WHERE bio_code = :bioCode AND status = 'ACTIVE' AND mobilepay_enabled
                  AND access_token_hash = :previous
                RETURNING access_token_created_at
                """)
                .param("bioCode", bioCode).param("hash", tokenHash).param("previous", previousHash)
                .query(OffsetDateTime.class).optional();
    }

    record MerchantRow(String merchantId, String accessTokenHash) {
    }
}
