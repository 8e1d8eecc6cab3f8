package com.mpac.mqpay.merchant;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.sync.MerchantConfiguration;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** mq-pay's copy of merchant configurations: the merchant, its API keys and its provider accounts. */
@Repository
class MerchantRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;

    MerchantRepository(JdbcClient jdbc, SecretCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    /** Inserts the merchant or updates it if the pushed version is newer; {@code false} when nothing changed. */
    boolean upsertMerchantIfNewer(MerchantConfiguration c) {
        return jdbc.sql("""
                INSERT INTO merchant (merchant_id, version, name, status)
                VALUES (:merchantId, :version, :name, :status)
                ON CONFLICT (merchant_id) DO UPDATE
                SET version = excluded.version, name = excluded.name, status = excluded.status, updated_at = now()
                WHERE merchant.version < excluded.version
                """)
                .param("merchantId", c.merchantId()).param("version", c.version())
                .param("name", c.name()).param("status", c.status().name())
                .update() == 1;
    }

    /** The version held, read under the row lock so it cannot change before the transaction ends. */
    long lockedVersion(String merchantId) {
        return jdbc.sql("SELECT version FROM merchant WHERE merchant_id = :id FOR UPDATE")
                .param("id", merchantId).query(Long.class).single();
    }

    void replaceChildren(MerchantConfiguration c) {
        String merchantId = c.merchantId();
        for (String table : List.of("merchant_provider", "api_key")) {
            jdbc.sql("DELETE FROM " + table + " WHERE merchant_id = :id").param("id", merchantId).update();
        }
        for (MerchantConfiguration.ProviderAccount account : c.providers()) {
            jdbc.sql("""
                    INSERT INTO merchant_provider (merchant_id, provider, enabled, identifiers, credentials)
                    VALUES (:merchantId, :provider, :enabled, CAST(:identifiers AS jsonb), :credentials)
                    """)
                    .param("merchantId", merchantId).param("provider", account.provider().name())
                    .param("enabled", account.enabled())
                    .param("identifiers", json.writeValueAsString(account.identifiers()))
                    .param("credentials", cipher.encrypt(json.writeValueAsString(account.credentials()),
                            providerContext(merchantId, account.provider().name())))
                    .update();
        }
        for (MerchantConfiguration.ApiKey key : c.apiKeys()) {
            jdbc.sql("""
                    INSERT INTO api_key (key_id, merchant_id, secrets, status)
                    VALUES (:keyId, :merchantId, :secrets, :status)
                    """)
                    .param("keyId", key.keyId()).param("merchantId", merchantId)
                    .param("secrets", cipher.encrypt(json.writeValueAsString(key.secrets()),
                            apiKeyContext(key.keyId())))
                    .param("status", key.status().name())
                    .update();
        }
    }

    /** An active key of an active merchant, with its secrets decrypted. */
    Optional<ActiveApiKey> findActiveApiKey(String keyId) {
        return jdbc.sql("""
                SELECT k.key_id, k.merchant_id, k.secrets FROM api_key k JOIN merchant m USING (merchant_id)
                WHERE k.key_id = :keyId AND k.status = 'ACTIVE' AND m.status = 'ACTIVE'
                """)
                .param("keyId", keyId)
                .query((rs, n) -> new ActiveApiKey(rs.getString("key_id"), rs.getString("merchant_id"),
                        json.readValue(cipher.decrypt(rs.getString("secrets"), apiKeyContext(keyId)), STRINGS)))
                .optional();
    }

    /** The merchant's enabled account at a provider, credentials decrypted; empty when absent or disabled. */
    Optional<ProviderAccount> findEnabledAccount(String merchantId, String provider) {
        return jdbc.sql("""
                SELECT p.identifiers::text AS identifiers, p.credentials FROM merchant_provider p
                JOIN merchant m USING (merchant_id)
                WHERE p.merchant_id = :merchantId AND p.provider = :provider AND p.enabled
                """)
                .param("merchantId", merchantId).param("provider", provider)
                .query((rs, n) -> new ProviderAccount(merchantId,
                        json.readValue(rs.getString("identifiers"), STRING_MAP),
                        json.readValue(cipher.decrypt(rs.getString("credentials"),
                                providerContext(merchantId, provider)), STRING_MAP)))
                .optional();
    }

    record ActiveApiKey(String keyId, String merchantId, List<String> secrets) {

        @Override
        public String toString() {
            return "ActiveApiKey[" + keyId + ", " + merchantId + "]";
        }
    }

    private static String apiKeyContext(String keyId) {
        return "api_key:" + keyId;
    }

    private static String providerContext(String merchantId, String provider) {
        return "merchant_provider:" + merchantId + ":" + provider;
    }
}
