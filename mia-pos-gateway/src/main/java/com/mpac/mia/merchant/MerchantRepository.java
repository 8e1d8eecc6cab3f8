package com.mpac.mia.merchant;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;

import tools.jackson.databind.json.JsonMapper;

/** mia-pos-gateway's copy of merchant configurations. */
@Repository
class MerchantRepository {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;

    MerchantRepository(JdbcClient jdbc, SecretCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    boolean upsertMerchantIfNewer(MerchantConfiguration c) {
        Optional<ProviderAccount> mia = c.providers().stream().filter(p -> p.provider() == Provider.MIA_POS)
                .findFirst();
        String idno = mia.map(a -> a.identifiers().get("idno")).orElse(null);
        String phone = mia.map(a -> a.identifiers().get("phone")).orElse(null);
        // Tag 52 of the QR payload holds four digits; anything else is ignored and mpac.mia.mcc applies.
        String mcc = mia.map(a -> a.identifiers().get("mcc")).filter(v -> v.matches("[0-9]{4}")).orElse(null);
        String credentials = mia.map(a -> cipher.encrypt(json.writeValueAsString(a.credentials()),
                "merchant_provider:" + c.merchantId() + ":MIA_POS")).orElse(null);
        return jdbc.sql("""
                INSERT INTO merchant (merchant_id, version, name, status, mia_enabled, idno, phone, mcc, credentials)
                VALUES (:merchantId, :version, :name, :status, :enabled, :idno, :phone, :mcc, :credentials)
                ON CONFLICT (merchant_id) DO UPDATE
                SET version = excluded.version, name = excluded.name, status = excluded.status,
                    mia_enabled = excluded.mia_enabled, idno = excluded.idno, phone = excluded.phone, mcc = excluded.mcc,
                    credentials = excluded.credentials, updated_at = now()
                WHERE merchant.version < excluded.version
                """)
                .param("merchantId", c.merchantId()).param("version", c.version())
                .param("name", c.name()).param("status", c.status().name())
                .param("enabled", mia.map(ProviderAccount::enabled).orElse(false) && idno != null)
                .param("idno", idno).param("phone", phone).param("mcc", mcc)
                .param("credentials", credentials)
                .update() == 1;
    }

    long lockedVersion(String merchantId) {
        return jdbc.sql("SELECT version FROM merchant WHERE merchant_id = :id FOR UPDATE")
                .param("id", merchantId).query(Long.class).single();
    }

    /** Stores and terminals are upserted; those the push no longer lists are marked REMOVED, never deleted. */
    void replaceStoresAndTerminals(MerchantConfiguration c) {
        String merchantId = c.merchantId();
        jdbc.sql("UPDATE terminal SET status = 'REMOVED', mia_terminal_id = NULL WHERE merchant_id = :id")
                .param("id", merchantId).update();
        jdbc.sql("UPDATE store SET status = 'REMOVED' WHERE merchant_id = :id").param("id", merchantId).update();
        for (MerchantConfiguration.Store store : c.stores()) {
            int stored = jdbc.sql("""
                    INSERT INTO store (store_id, merchant_id, name, status) VALUES (:id, :merchantId, :name, :status)
                    ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, status = excluded.status
                    WHERE store.merchant_id = excluded.merchant_id
                    """)
                    .param("id", store.storeId()).param("merchantId", merchantId).param("name", store.name())
                    .param("status", store.status().name()).update();
            if (stored != 1) {
                throw new org.springframework.dao.DuplicateKeyException("store " + store.storeId());
            }
            for (MerchantConfiguration.Terminal terminal : store.terminals()) {
                int upserted = jdbc.sql("""
                        INSERT INTO terminal (terminal_id, merchant_id, store_id, status, mia_terminal_id)
                        VALUES (:id, :merchantId, :storeId, :status, :miaId)
                        ON CONFLICT (terminal_id) DO UPDATE SET store_id = excluded.store_id,
                            status = excluded.status, mia_terminal_id = excluded.mia_terminal_id
                        WHERE terminal.merchant_id = excluded.merchant_id
                        """)
                        .param("id", terminal.terminalId()).param("merchantId", merchantId)
                        .param("storeId", store.storeId()).param("status", terminal.status().name())
                        .param("miaId", terminal.providerTerminalIds().get(Provider.MIA_POS)).update();
                if (upserted != 1) {
                    throw new org.springframework.dao.DuplicateKeyException("terminal " + terminal.terminalId());
                }
            }
        }
    }

    private static final String TERMINAL_SELECT = """
            SELECT t.terminal_id, t.pos_id, t.mia_terminal_id, t.status AS terminal_status, s.store_id,
                   s.name AS store_name, s.status AS store_status, m.merchant_id, m.merchant_no, m.name AS merchant_name,
                   m.status AS merchant_status, m.mia_enabled, m.idno, m.phone, m.mcc
            FROM terminal t JOIN store s USING (store_id) JOIN merchant m ON m.merchant_id = t.merchant_id
            """;

    Optional<Terminal> findByMiaIds(String miaTerminalId, String idno) {
        return jdbc.sql(TERMINAL_SELECT + " WHERE t.mia_terminal_id = :mia AND m.idno = :idno")
                .param("mia", miaTerminalId).param("idno", idno).query(MerchantRepository::terminal).optional();
    }

    Optional<Terminal> find(String terminalId) {
        return jdbc.sql(TERMINAL_SELECT + " WHERE t.terminal_id = :id")
                .param("id", terminalId).query(MerchantRepository::terminal).optional();
    }

    private static Terminal terminal(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        boolean usable = "ACTIVE".equals(rs.getString("terminal_status"))
                && "ACTIVE".equals(rs.getString("store_status")) && "ACTIVE".equals(rs.getString("merchant_status"))
                && rs.getBoolean("mia_enabled");
        return new Terminal(rs.getString("terminal_id"), rs.getLong("pos_id"), rs.getString("mia_terminal_id"),
                rs.getString("store_id"), rs.getString("store_name"), rs.getString("merchant_id"),
                rs.getLong("merchant_no"), rs.getString("merchant_name"), rs.getString("idno"),
                rs.getString("phone"), rs.getString("mcc"), usable);
    }
}
