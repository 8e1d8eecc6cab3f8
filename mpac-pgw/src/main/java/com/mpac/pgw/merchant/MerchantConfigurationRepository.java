package com.mpac.pgw.merchant;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.sync.MerchantConfiguration;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's copy of merchant configurations. Plain SQL: a push replaces a merchant's children wholesale, which
 * is a few statements here and a cascade of entity bookkeeping in JPA.
 */
@Repository
class MerchantConfigurationRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;

    MerchantConfigurationRepository(JdbcClient jdbc, SecretCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    /** Inserts the merchant or updates it if the pushed version is newer; {@code false} when nothing changed. */
    boolean upsertMerchantIfNewer(MerchantConfiguration c) {
        return jdbc.sql("""
                INSERT INTO merchant (merchant_id, version, psp_id, name, status)
                VALUES (:merchantId, :version, :pspId, :name, :status)
                ON CONFLICT (merchant_id) DO UPDATE
                SET version = excluded.version, psp_id = excluded.psp_id, name = excluded.name,
                    status = excluded.status, updated_at = now()
                WHERE merchant.version < excluded.version
                """)
                .param("merchantId", c.merchantId()).param("version", c.version()).param("pspId", c.pspId())
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
        for (String table : List.of("merchant_provider", "terminal", "store", "api_key", "webhook_endpoint")) {
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
                            providerContext(merchantId, account.provider())))
                    .update();
        }
        for (MerchantConfiguration.Store store : c.stores()) {
            jdbc.sql("""
                    INSERT INTO store (store_id, merchant_id, name, status, timezone)
                    VALUES (:storeId, :merchantId, :name, :status, :timezone)
                    """)
                    .param("storeId", store.storeId()).param("merchantId", merchantId).param("name", store.name())
                    .param("status", store.status().name()).param("timezone", store.timezone())
                    .update();
            for (MerchantConfiguration.Terminal terminal : store.terminals()) {
                jdbc.sql("""
                        INSERT INTO terminal (terminal_id, store_id, merchant_id, serial_number, status)
                        VALUES (:terminalId, :storeId, :merchantId, :serialNumber, :status)
                        """)
                        .param("terminalId", terminal.terminalId()).param("storeId", store.storeId())
                        .param("merchantId", merchantId).param("serialNumber", terminal.serialNumber())
                        .param("status", terminal.status().name())
                        .update();
            }
        }
        for (MerchantConfiguration.ApiKey key : c.apiKeys()) {
            jdbc.sql("""
                    INSERT INTO api_key (key_id, merchant_id, secrets, status)
                    VALUES (:keyId, :merchantId, :secrets, :status)
                    """)
                    .param("keyId", key.keyId()).param("merchantId", merchantId)
                    .param("secrets", cipher.encrypt(json.writeValueAsString(key.secrets()), apiKeyContext(key.keyId())))
                    .param("status", key.status().name())
                    .update();
        }
        for (MerchantConfiguration.WebhookEndpoint endpoint : c.webhookEndpoints()) {
            jdbc.sql("""
                    INSERT INTO webhook_endpoint (endpoint_id, merchant_id, url, secret, events, status)
                    VALUES (:endpointId, :merchantId, :url, :secret, :events, :status)
                    """)
                    .param("endpointId", endpoint.endpointId()).param("merchantId", merchantId)
                    .param("url", endpoint.url())
                    .param("secret", cipher.encrypt(endpoint.secret(), webhookContext(endpoint.endpointId())))
                    .param("events", endpoint.events().toArray(String[]::new))
                    .param("status", endpoint.status().name())
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

    Optional<ProviderAccount> findProviderAccount(String merchantId, String provider) {
        return jdbc.sql("""
                SELECT p.provider, p.enabled, p.identifiers::text AS identifiers, p.credentials
                FROM merchant_provider p JOIN merchant m USING (merchant_id)
                WHERE p.merchant_id = :merchantId AND p.provider = :provider AND m.status = 'ACTIVE'
                """)
                .param("merchantId", merchantId).param("provider", provider)
                .query((rs, n) -> new ProviderAccount(rs.getString("provider"), rs.getBoolean("enabled"),
                        json.readValue(rs.getString("identifiers"), STRING_MAP),
                        json.readValue(cipher.decrypt(rs.getString("credentials"), providerContext(merchantId,
                                MerchantConfiguration.Provider.valueOf(provider))), STRING_MAP)))
                .optional();
    }

    /** The merchant whose account at {@code provider} has the identifier {@code key = value}. */
    Optional<String> findMerchantByProviderIdentifier(String provider, String key, String value) {
        return jdbc.sql("""
                SELECT merchant_id FROM merchant_provider
                WHERE provider = :provider AND identifiers ->> :key = :value
                LIMIT 1
                """)
                .param("provider", provider).param("key", key).param("value", value).query(String.class).optional();
    }

    boolean isActive(String merchantId) {
        return jdbc.sql("SELECT count(*) FROM merchant WHERE merchant_id = :id AND status = 'ACTIVE'")
                .param("id", merchantId).query(Long.class).single() == 1;
    }

    boolean hasStore(String merchantId, String storeId) {
        return jdbc.sql("SELECT count(*) FROM store WHERE merchant_id = :merchantId AND store_id = :storeId")
                .param("merchantId", merchantId).param("storeId", storeId).query(Long.class).single() == 1;
    }

    boolean hasTerminal(String merchantId, String storeId, String terminalId) {
        return jdbc.sql("""
                SELECT count(*) FROM terminal
                WHERE merchant_id = :merchantId AND store_id = :storeId AND terminal_id = :terminalId
                """)
                .param("merchantId", merchantId).param("storeId", storeId).param("terminalId", terminalId)
                .query(Long.class).single() == 1;
    }

    /** The merchant's active endpoints (and the events each wants), leaving out those that answered 410. */
    List<WebhookSubscription> findWebhookSubscriptions(String merchantId) {
        return jdbc.sql("""
                SELECT endpoint_id, events FROM webhook_endpoint e
                WHERE merchant_id = :merchantId AND status = 'ACTIVE'
                  AND NOT EXISTS (SELECT 1 FROM disabled_webhook_endpoint d WHERE d.endpoint_id = e.endpoint_id)
                """)
                .param("merchantId", merchantId)
                .query((rs, n) -> new WebhookSubscription(rs.getString("endpoint_id"),
                        List.of((String[]) rs.getArray("events").getArray())))
                .list();
    }

    Optional<WebhookTarget> findActiveWebhookTarget(String endpointId) {
        return jdbc.sql("""
                SELECT e.endpoint_id, e.url, e.secret FROM webhook_endpoint e JOIN merchant m USING (merchant_id)
                WHERE e.endpoint_id = :endpointId AND e.status = 'ACTIVE' AND m.status = 'ACTIVE'
                  AND NOT EXISTS (SELECT 1 FROM disabled_webhook_endpoint d WHERE d.endpoint_id = e.endpoint_id)
                """)
                .param("endpointId", endpointId)
                .query((rs, n) -> new WebhookTarget(rs.getString("endpoint_id"), rs.getString("url"),
                        cipher.decrypt(rs.getString("secret"), webhookContext(endpointId))))
                .optional();
    }

    void disableWebhookEndpoint(String endpointId, String reason) {
        jdbc.sql("""
                INSERT INTO disabled_webhook_endpoint (endpoint_id, reason) VALUES (:endpointId, :reason)
                ON CONFLICT (endpoint_id) DO NOTHING
                """)
                .param("endpointId", endpointId).param("reason", reason).update();
    }

    record ActiveApiKey(String keyId, String merchantId, List<String> secrets) {

        @Override
        public String toString() {
            return "ActiveApiKey[" + keyId + ", " + merchantId + "]";
        }
    }

    private static String webhookContext(String endpointId) {
        return "webhook_endpoint:" + endpointId;
    }

    private static String apiKeyContext(String keyId) {
        return "api_key:" + keyId;
    }

    private static String providerContext(String merchantId, MerchantConfiguration.Provider provider) {
        return "merchant_provider:" + merchantId + ":" + provider.name();
    }
}
