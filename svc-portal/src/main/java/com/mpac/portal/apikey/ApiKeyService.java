package com.mpac.portal.apikey;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.apikey.ApiKeyController.ApiKeyResponse;
import com.mpac.portal.apikey.ApiKeyController.ApiKeyStatus;
import com.mpac.portal.apikey.ApiKeyController.CreatedApiKeyResponse;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.outbox.SecretContexts;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.registry.Registry;
import com.mpac.portal.registry.RegistryProblems;
import com.mpac.portal.registry.Sql;
import com.mpac.portal.tenant.TenantScope.Level;

/**
 * Merchant API keys. The secret must reach the receivers (they verify HMAC signatures with it, which a hash cannot
 * do), so it is stored encrypted under the master key and pushed in the merchant's configuration.
 */
@Service
class ApiKeyService {

    static final int MAX_ACTIVE = 2;

    private static final String COLUMNS = """
            key_id, merchant_id, name, status, secret_last4, created_by, created_at, revoked_by, revoked_at""";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final SecretCipher cipher;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(JdbcClient jdbc, Registry registry, SecretCipher cipher, ConfigurationOutbox outbox,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<ApiKeyResponse> list(Actor actor, String merchantId, ApiKeyStatus status, int limit,
            String startingAfter) {
        merchant(actor, merchantId);
        Sql.Where where = new Sql.Where().and("merchant_id = :merchant", "merchant", merchantId)
                .and("status = :status", "status", status == null ? null : status.name())
                .and("key_id > :after", "after", startingAfter);
        List<ApiKeyResponse> rows = jdbc.sql("SELECT " + COLUMNS + " FROM merchant_api_key" + where.sql()
                        + " ORDER BY key_id LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query(ApiKeyService::map).list();
        return CursorPage.of(rows, limit, ApiKeyResponse::id);
    }

    /**
     * The merchant row's lock makes concurrent creates take turns: each counts the active keys only after the
     * previous one committed. The unique (merchant, slot) index of active keys would refuse a third even without it.
     */
    @Transactional
    CreatedApiKeyResponse create(Actor actor, String merchantId, String name, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        String status = jdbc.sql("SELECT status FROM merchant WHERE merchant_id = :id")
                .param("id", merchantId).query(String.class).single();
        if ("CLOSED".equals(status)) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The merchant is closed.");
        }
        List<Integer> taken = jdbc.sql("SELECT slot FROM merchant_api_key WHERE merchant_id = :id AND status = 'ACTIVE'")
                .param("id", merchantId).query(Integer.class).list();
        if (taken.size() >= MAX_ACTIVE) {
            throw limitReached();
        }
        int slot = taken.contains(1) ? 2 : 1;
        String keyId = "mpk_" + Ids.random(24);
        String secret = "mps_" + HexFormat.of().formatHex(randomBytes(32));
        try {
            jdbc.sql("""
                    INSERT INTO merchant_api_key (key_id, merchant_id, name, secret, secret_last4, status, slot,
                        created_by)
                    VALUES (:id, :merchant, :name, :secret, :last4, 'ACTIVE', :slot, :by)
                    """)
                    .param("id", keyId).param("merchant", merchantId)
                    .param("name", name == null ? null : name.strip())
                    .param("secret", cipher.encrypt(secret, SecretContexts.apiKeySecret(keyId)))
                    .param("last4", secret.substring(secret.length() - 4)).param("slot", slot)
                    .param("by", actor.userId())
                    .update();
        }
        catch (DuplicateKeyException ex) {
            throw limitReached();
        }
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("api_key.created", actor.userId(), keyId, merchant.pspId(), merchantId, clientIp,
                actor.auditDetails(Map.of("keyId", keyId))));
        ApiKeyResponse key = find(merchantId, keyId);
        return new CreatedApiKeyResponse(keyId, merchantId, key.name(), key.status(), secret, key.createdAt());
    }

    @Transactional
    ApiKeyResponse revoke(Actor actor, String merchantId, String keyId, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        ApiKeyResponse key = find(merchantId, keyId);
        if (key.status() == ApiKeyStatus.REVOKED) {
            return key;
        }
        jdbc.sql("""
                UPDATE merchant_api_key SET status = 'REVOKED', slot = NULL, revoked_by = :by, revoked_at = now()
                WHERE key_id = :id
                """)
                .param("id", keyId).param("by", actor.userId()).update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("api_key.revoked", actor.userId(), keyId, merchant.pspId(), merchantId, clientIp,
                actor.auditDetails(Map.of("keyId", keyId))));
        return find(merchantId, keyId);
    }

    /** The merchant if the actor may manage its keys: merchant admins and above, in scope (else 404). */
    private Node merchant(Actor actor, String merchantId) {
        Node merchant = registry.visible(actor, Kind.MERCHANT, merchantId);
        actor.require(actor.atLeast(Level.MERCHANT));
        return merchant;
    }

    private ApiKeyResponse find(String merchantId, String keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_api_key WHERE key_id = :id AND merchant_id = :merchant")
                .param("id", keyId).param("merchant", merchantId)
                .query(ApiKeyService::map).optional()
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No such API key."));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static ApiException limitReached() {
        return new ApiException(RegistryProblems.LIMIT_REACHED, "A merchant has at most " + MAX_ACTIVE
                + " active API keys; revoke one first.");
    }

    private static ApiKeyResponse map(ResultSet rs, int row) throws SQLException {
        return new ApiKeyResponse(rs.getString("key_id"), rs.getString("merchant_id"), rs.getString("name"),
                ApiKeyStatus.valueOf(rs.getString("status")), rs.getString("secret_last4"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), rs.getString("revoked_by"),
                Sql.instant(rs, "revoked_at"));
    }
}
