package com.mpac.portal.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.ApiKey;
import com.mpac.contracts.sync.MerchantConfiguration.ApiUser;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.contracts.sync.MerchantConfiguration.Store;
import com.mpac.contracts.sync.MerchantConfiguration.Terminal;
import com.mpac.contracts.sync.MerchantConfiguration.WebhookEndpoint;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts together one merchant's whole configuration as the receivers need it, read inside the transaction that
 * changed it. Statuses are the effective ones: a merchant of a disabled PSP is SUSPENDED, a terminal of a disabled
 * store DISABLED, a terminal not yet activated (PENDING) ACTIVE, since receivers only need to know whether it may be
 * used. Revoked API keys are left out (the receivers then drop them). A provider account joins the registry's own
 * identifier columns with the merchant's provider settings (extra identifiers, credentials), the registry winning a
 * name both hold; webhook endpoints travel with their signing secrets, disabled ones included with their status.
 */
@Component
class MerchantConfigurations {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;

    MerchantConfigurations(JdbcClient jdbc, SecretCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    MerchantConfiguration assemble(String merchantId, long version) {
        MerchantRow merchant = jdbc.sql("""
                SELECT m.merchant_id, m.psp_id, m.name, m.status, p.status AS psp_status,
                       array_to_string(m.enabled_providers, ',') AS enabled_providers, m.mia_idno,
                       m.mobilepay_bio_code, m.vnpay_tmn_code, m.magensa_customer_code, m.paypay_merchant_id,
                       m.linepay_merchant_id
                FROM merchant m JOIN psp p ON p.psp_id = m.psp_id
                WHERE m.merchant_id = :id
                """)
                .param("id", merchantId)
                .query((rs, n) -> new MerchantRow(rs.getString("merchant_id"), rs.getString("psp_id"),
                        rs.getString("name"), rs.getString("status"), rs.getString("psp_status"),
                        rs.getString("enabled_providers"), rs.getString("mia_idno"),
                        rs.getString("mobilepay_bio_code"), rs.getString("vnpay_tmn_code"),
                        rs.getString("magensa_customer_code"), rs.getString("paypay_merchant_id"),
                        rs.getString("linepay_merchant_id")))
                .single();
        MerchantStatus status = MerchantStatus.valueOf(merchant.status());
        if (status == MerchantStatus.ACTIVE && !"ACTIVE".equals(merchant.pspStatus())) {
            status = MerchantStatus.SUSPENDED;
        }
        return new MerchantConfiguration(merchantId, version, merchant.pspId(), merchant.name(), status,
                providers(merchant), stores(merchantId), apiKeys(merchantId), webhookEndpoints(merchantId),
                apiUsers(merchantId));
    }

    private List<ProviderAccount> providers(MerchantRow merchant) {
        List<String> enabled = merchant.enabledProviders().isEmpty() ? List.of()
                : Arrays.asList(merchant.enabledProviders().split(","));
        Map<Provider, ProviderSetting> settings = providerSettings(merchant.merchantId());
        List<ProviderAccount> accounts = new ArrayList<>();
        for (Provider provider : Provider.values()) {
            Map<String, String> identifiers = new LinkedHashMap<>();
            Map<String, String> credentials = new LinkedHashMap<>();
            switch (provider) {
                case PAYPAY -> putIfPresent(identifiers, "merchant_id", merchant.paypayMerchantId());
                case LINEPAY -> putIfPresent(identifiers, "merchant_id", merchant.linepayMerchantId());
                case MIA_POS -> putIfPresent(identifiers, "idno", merchant.miaIdno());
                case VNPAY -> putIfPresent(identifiers, "tmn_code", merchant.vnpayTmnCode());
                case MAGENSA -> putIfPresent(identifiers, "customer_code", merchant.magensaCustomerCode());
                case MOBILEPAY -> {
                    if (merchant.mobilePayBioCode() != null) {
                        // A credential at MobilePay: it travels among the credentials, which receivers encrypt.
                        credentials.put("bio_code", cipher.decrypt(merchant.mobilePayBioCode(),
                                SecretContexts.mobilePayBioCode(merchant.merchantId())));
                    }
                }
            }
            ProviderSetting setting = settings.get(provider);
            if (setting != null) {
                setting.identifiers().forEach(identifiers::putIfAbsent);
                setting.credentials().forEach(credentials::putIfAbsent);
            }
            boolean isEnabled = enabled.contains(provider.name());
            if (isEnabled || !identifiers.isEmpty() || !credentials.isEmpty()) {
                accounts.add(new ProviderAccount(provider, isEnabled, identifiers, credentials));
            }
        }
        return accounts;
    }

    /** The merchant's provider settings, credentials decrypted; names sorted so each push reads the same. */
    private Map<Provider, ProviderSetting> providerSettings(String merchantId) {
        Map<Provider, ProviderSetting> settings = new HashMap<>();
        jdbc.sql("""
                SELECT provider, identifiers::text AS identifiers, credentials FROM merchant_provider_setting
                WHERE merchant_id = :id
                """)
                .param("id", merchantId)
                .query((rs, n) -> {
                    String provider = rs.getString("provider");
                    Map<String, String> identifiers = new TreeMap<>(json.readValue(rs.getString("identifiers"),
                            STRING_MAP));
                    Map<String, String> credentials = new TreeMap<>(json.readValue(cipher.decrypt(
                            rs.getString("credentials"), SecretContexts.providerCredentials(merchantId, provider)),
                            STRING_MAP));
                    return settings.put(Provider.valueOf(provider), new ProviderSetting(identifiers, credentials));
                })
                .list();
        return settings;
    }

    private List<WebhookEndpoint> webhookEndpoints(String merchantId) {
        return jdbc.sql("""
                SELECT endpoint_id, url, secret, array_to_string(events, ',') AS events, status
                FROM merchant_webhook_endpoint WHERE merchant_id = :id ORDER BY endpoint_id
                """)
                .param("id", merchantId)
                .query((rs, n) -> new WebhookEndpoint(rs.getString("endpoint_id"), rs.getString("url"),
                        cipher.decrypt(rs.getString("secret"),
                                SecretContexts.webhookEndpointSecret(rs.getString("endpoint_id"))),
                        List.of(rs.getString("events").split(",")), Status.valueOf(rs.getString("status"))))
                .list();
    }

    private List<Store> stores(String merchantId) {
        Map<String, Map<Provider, String>> providerIds = new HashMap<>();
        jdbc.sql("""
                SELECT p.terminal_id, p.provider, p.external_id
                FROM terminal_provider_id p JOIN terminal t ON t.terminal_id = p.terminal_id
                WHERE t.merchant_id = :id
                """)
                .param("id", merchantId)
                .query((rs, n) -> providerIds.computeIfAbsent(rs.getString("terminal_id"), key -> new HashMap<>())
                        .put(Provider.valueOf(rs.getString("provider")), rs.getString("external_id")))
                .list();
        Map<String, List<Terminal>> terminals = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT t.terminal_id, t.store_id, t.serial_number,
                       CASE WHEN t.status = 'DISABLED' OR s.status <> 'ACTIVE' THEN 'DISABLED' ELSE 'ACTIVE' END
                           AS status
                FROM terminal t JOIN store s ON s.store_id = t.store_id
                WHERE t.merchant_id = :id ORDER BY t.terminal_id
                """)
                .param("id", merchantId)
                .query((rs, n) -> {
                    terminals.computeIfAbsent(rs.getString("store_id"), key -> new ArrayList<>())
                            .add(new Terminal(rs.getString("terminal_id"), rs.getString("serial_number"),
                                    Status.valueOf(rs.getString("status")),
                                    providerIds.getOrDefault(rs.getString("terminal_id"), Map.of())));
                    return null;
                })
                .list();
        return jdbc.sql("SELECT store_id, name, status, timezone FROM store WHERE merchant_id = :id ORDER BY store_id")
                .param("id", merchantId)
                .query((rs, n) -> new Store(rs.getString("store_id"), rs.getString("name"),
                        Status.valueOf(rs.getString("status")), rs.getString("timezone"),
                        terminals.getOrDefault(rs.getString("store_id"), List.of())))
                .list();
    }

    private List<ApiKey> apiKeys(String merchantId) {
        return jdbc.sql("""
                SELECT key_id, secret FROM merchant_api_key
                WHERE merchant_id = :id AND status = 'ACTIVE' ORDER BY key_id
                """)
                .param("id", merchantId)
                .query((rs, n) -> new ApiKey(rs.getString("key_id"),
                        List.of(cipher.decrypt(rs.getString("secret"),
                                SecretContexts.apiKeySecret(rs.getString("key_id")))),
                        Status.ACTIVE))
                .list();
    }

    private List<ApiUser> apiUsers(String merchantId) {
        return jdbc.sql("""
                SELECT api_user_id, provider, username, password_hash, status FROM merchant_api_user
                WHERE merchant_id = :id ORDER BY api_user_id
                """)
                .param("id", merchantId)
                .query((rs, n) -> new ApiUser(rs.getString("api_user_id"), Provider.valueOf(rs.getString("provider")),
                        rs.getString("username"), rs.getString("password_hash"),
                        Status.valueOf(rs.getString("status"))))
                .list();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private record ProviderSetting(Map<String, String> identifiers, Map<String, String> credentials) {

        @Override
        public String toString() {
            return "ProviderSetting[" + identifiers + ", credentials=" + credentials.keySet() + "]";
        }
    }

    private record MerchantRow(String merchantId, String pspId, String name, String status, String pspStatus,
            String enabledProviders, String miaIdno, String mobilePayBioCode, String vnpayTmnCode,
            String magensaCustomerCode, String paypayMerchantId, String linepayMerchantId) {

        @Override
        public String toString() {
            return "MerchantRow[" + merchantId + "]";
        }
    }
}
