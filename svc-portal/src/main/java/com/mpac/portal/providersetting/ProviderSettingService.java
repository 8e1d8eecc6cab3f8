package com.mpac.portal.providersetting;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.outbox.ProviderAccountFields;
import com.mpac.portal.outbox.SecretContexts;
import com.mpac.portal.providersetting.ProviderSettingController.ProviderSettingsRequest;
import com.mpac.portal.providersetting.ProviderSettingController.ProviderSettingsResponse;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.registry.Registry;
import com.mpac.portal.registry.RegistryProblems;
import com.mpac.portal.registry.Sql;
import com.mpac.portal.tenant.TenantScope.Level;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A merchant's provider settings. Identifiers are public and stored as they are; the credentials are one JSON object
 * encrypted under the master key, decrypted only to build the configuration push. Audit events name the provider
 * and the entry names, never a credential's value.
 */
@Service
class ProviderSettingService {

    /** What one provider account in a configuration push may carry (MerchantConfiguration: 20 of each). */
    static final int MAX_ENTRIES = 20;

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Registry registry;
    private final SecretCipher cipher;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;
    private final JsonMapper json;

    ProviderSettingService(JdbcClient jdbc, Registry registry, SecretCipher cipher, ConfigurationOutbox outbox,
            AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
    }

    @Transactional(readOnly = true)
    ProviderSettingsResponse get(Actor actor, String merchantId, Provider provider) {
        merchant(actor, merchantId);
        return find(merchantId, provider);
    }

    @Transactional
    ProviderSettingsResponse put(Actor actor, String merchantId, Provider provider, ProviderSettingsRequest request,
            String clientIp) {
        Node merchant = merchant(actor, merchantId);
        check("identifiers", request.identifiers(), ProviderAccountFields.registryIdentifiers(provider));
        check("credentials", request.credentials(), ProviderAccountFields.registryCredentials(provider));
        String baseUrl = request.identifiers().get("base_url");
        if (baseUrl != null && !isHttpUrl(baseUrl)) {
            throw RegistryProblems.invalid("identifiers.base_url", "must be an http or https URL");
        }
        outbox.lockMerchant(merchantId);
        jdbc.sql("""
                INSERT INTO merchant_provider_setting (merchant_id, provider, identifiers, credentials, updated_by)
                VALUES (:merchant, :provider, CAST(:identifiers AS jsonb), :credentials, :by)
                ON CONFLICT (merchant_id, provider) DO UPDATE SET identifiers = excluded.identifiers,
                    credentials = excluded.credentials, updated_by = excluded.updated_by, updated_at = now()
                """)
                .param("merchant", merchantId).param("provider", provider.name())
                .param("identifiers", json.writeValueAsString(new TreeMap<>(request.identifiers())))
                .param("credentials", cipher.encrypt(json.writeValueAsString(new TreeMap<>(request.credentials())),
                        SecretContexts.providerCredentials(merchantId, provider.name())))
                .param("by", actor.userId())
                .update();
        outbox.enqueue(merchantId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", provider.name());
        details.put("identifiers", List.copyOf(new TreeMap<>(request.identifiers()).keySet()));
        details.put("credentials", List.copyOf(new TreeMap<>(request.credentials()).keySet()));
        audit.record(new AuditEvent("provider_settings.updated", actor.userId(), merchantId, merchant.pspId(),
                merchantId, clientIp, actor.auditDetails(details)));
        return find(merchantId, provider);
    }

    @Transactional
    void delete(Actor actor, String merchantId, Provider provider, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        int deleted = jdbc.sql("DELETE FROM merchant_provider_setting WHERE merchant_id = :merchant AND provider = :p")
                .param("merchant", merchantId).param("p", provider.name()).update();
        if (deleted == 0) {
            return;
        }
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("provider_settings.deleted", actor.userId(), merchantId, merchant.pspId(),
                merchantId, clientIp, actor.auditDetails(Map.of("provider", provider.name()))));
    }

    /** The merchant if the actor may manage its provider settings: merchant admins and above, in scope (else 404). */
    private Node merchant(Actor actor, String merchantId) {
        Node merchant = registry.visible(actor, Kind.MERCHANT, merchantId);
        actor.require(actor.atLeast(Level.MERCHANT));
        return merchant;
    }

    private ProviderSettingsResponse find(String merchantId, Provider provider) {
        return jdbc.sql("""
                SELECT identifiers::text AS identifiers, credentials, updated_at FROM merchant_provider_setting
                WHERE merchant_id = :merchant AND provider = :provider
                """)
                .param("merchant", merchantId).param("provider", provider.name())
                .query((ResultSet rs, int row) -> map(rs, merchantId, provider)).optional()
                .orElseGet(() -> new ProviderSettingsResponse(merchantId, provider, Map.of(), List.of(), null));
    }

    private ProviderSettingsResponse map(ResultSet rs, String merchantId, Provider provider) throws SQLException {
        Map<String, String> identifiers = new TreeMap<>(json.readValue(rs.getString("identifiers"), STRING_MAP));
        Map<String, String> credentials = json.readValue(cipher.decrypt(rs.getString("credentials"),
                SecretContexts.providerCredentials(merchantId, provider.name())), STRING_MAP);
        return new ProviderSettingsResponse(merchantId, provider, identifiers,
                List.copyOf(new TreeMap<>(credentials).keySet()), Sql.instant(rs, "updated_at"));
    }

    /**
     * Names the merchant's own fields fill are refused (they would be shadowed in the push), and the entries the
     * registry adds still fit in the push's 20.
     */
    private static void check(String field, Map<String, String> entries, Set<String> registryNames) {
        for (String name : entries.keySet()) {
            if (registryNames.contains(name)) {
                throw RegistryProblems.invalid(field + "." + name, "is set on the merchant itself, not here");
            }
        }
        if (entries.size() + registryNames.size() > MAX_ENTRIES) {
            throw RegistryProblems.invalid(field, "at most " + (MAX_ENTRIES - registryNames.size())
                    + " entries for this provider");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null
                    && Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && uri.getRawUserInfo() == null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }
}
