package com.mpac.portal.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.webhook.StandardWebhook;
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
import com.mpac.portal.webhook.WebhookEndpointController.CreateWebhookEndpointRequest;
import com.mpac.portal.webhook.WebhookEndpointController.UpdateWebhookEndpointRequest;
import com.mpac.portal.webhook.WebhookEndpointController.WebhookEndpointResponse;
import com.mpac.portal.webhook.WebhookEndpointController.WebhookEndpointStatus;
import com.mpac.portal.webhook.WebhookEndpointController.WebhookEndpointWithSecretResponse;

/**
 * A merchant's webhook endpoints. The signing secret must reach mpac-pgw (it signs each delivery with it, which a
 * hash cannot do), so it is stored encrypted under the master key and pushed in the merchant's configuration. Audit
 * events name the endpoint and the fields changed, never the URL (which may carry a token) or the secret.
 */
@Service
class WebhookEndpointService {

    /** What one configuration push may carry (MerchantConfiguration: at most 20 webhook endpoints). */
    static final int MAX_PER_MERCHANT = 20;

    private static final String COLUMNS = """
            endpoint_id, merchant_id, url, description, array_to_string(events, ',') AS events, status, created_by,
            created_at, updated_at""";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final SecretCipher cipher;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    WebhookEndpointService(JdbcClient jdbc, Registry registry, SecretCipher cipher, ConfigurationOutbox outbox,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<WebhookEndpointResponse> list(Actor actor, String merchantId, WebhookEndpointStatus status, int limit,
            String startingAfter) {
        merchant(actor, merchantId);
        Sql.Where where = new Sql.Where().and("merchant_id = :merchant", "merchant", merchantId)
                .and("status = :status", "status", status == null ? null : status.name())
                .and("endpoint_id > :after", "after", startingAfter);
        List<WebhookEndpointResponse> rows = jdbc.sql("SELECT " + COLUMNS + " FROM merchant_webhook_endpoint"
                        + where.sql() + " ORDER BY endpoint_id LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query(WebhookEndpointService::map).list();
        return CursorPage.of(rows, limit, WebhookEndpointResponse::id);
    }

    /** The merchant row's lock makes concurrent creates take turns, so the count of endpoints stays exact. */
    @Transactional
    WebhookEndpointWithSecretResponse create(Actor actor, String merchantId, CreateWebhookEndpointRequest request,
            String clientIp) {
        Node merchant = merchant(actor, merchantId);
        checkUrl(request.url());
        outbox.lockMerchant(merchantId);
        String status = jdbc.sql("SELECT status FROM merchant WHERE merchant_id = :id")
                .param("id", merchantId).query(String.class).single();
        if ("CLOSED".equals(status)) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The merchant is closed.");
        }
        long count = jdbc.sql("SELECT count(*) FROM merchant_webhook_endpoint WHERE merchant_id = :id")
                .param("id", merchantId).query(Long.class).single();
        if (count >= MAX_PER_MERCHANT) {
            throw new ApiException(RegistryProblems.LIMIT_REACHED,
                    "A merchant has at most " + MAX_PER_MERCHANT + " webhook endpoints; delete one first.");
        }
        String endpointId = Ids.next("we");
        String secret = StandardWebhook.newSecret(random);
        WebhookEndpointStatus initial = request.status() == null ? WebhookEndpointStatus.ACTIVE : request.status();
        jdbc.sql("""
                INSERT INTO merchant_webhook_endpoint (endpoint_id, merchant_id, url, description, events, status,
                    secret, created_by)
                VALUES (:id, :merchant, :url, :description, string_to_array(:events, ','), :status, :secret, :by)
                """)
                .param("id", endpointId).param("merchant", merchantId).param("url", request.url())
                .param("description", description(request.description()))
                .param("events", events(request.events())).param("status", initial.name())
                .param("secret", cipher.encrypt(secret, SecretContexts.webhookEndpointSecret(endpointId)))
                .param("by", actor.userId())
                .update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("webhook_endpoint.created", actor.userId(), endpointId, merchant.pspId(),
                merchantId, clientIp, actor.auditDetails(Map.of("endpointId", endpointId))));
        return new WebhookEndpointWithSecretResponse(find(merchantId, endpointId), secret);
    }

    @Transactional(readOnly = true)
    WebhookEndpointResponse get(Actor actor, String merchantId, String endpointId) {
        merchant(actor, merchantId);
        return find(merchantId, endpointId);
    }

    @Transactional
    WebhookEndpointResponse update(Actor actor, String merchantId, String endpointId,
            UpdateWebhookEndpointRequest request, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        if (request.url() != null) {
            checkUrl(request.url());
        }
        outbox.lockMerchant(merchantId);
        WebhookEndpointResponse current = find(merchantId, endpointId);
        List<String> changed = new ArrayList<>();
        String url = current.url();
        if (request.url() != null && !request.url().equals(url)) {
            url = request.url();
            changed.add("url");
        }
        String description = current.description();
        if (request.description() != null && !Objects.equals(description(request.description()),
                description)) {
            description = description(request.description());
            changed.add("description");
        }
        String events = String.join(",", current.events());
        if (request.events() != null && !events(request.events()).equals(events)) {
            events = events(request.events());
            changed.add("events");
        }
        WebhookEndpointStatus status = current.status();
        if (request.status() != null && request.status() != status) {
            status = request.status();
            changed.add("status");
        }
        if (changed.isEmpty()) {
            return current;
        }
        jdbc.sql("""
                UPDATE merchant_webhook_endpoint SET url = :url, description = :description,
                    events = string_to_array(:events, ','), status = :status, updated_at = now()
                WHERE endpoint_id = :id
                """)
                .param("id", endpointId).param("url", url).param("description", description)
                .param("events", events).param("status", status.name())
                .update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("webhook_endpoint.updated", actor.userId(), endpointId, merchant.pspId(),
                merchantId, clientIp, actor.auditDetails(Map.of("fields", changed))));
        return find(merchantId, endpointId);
    }

    @Transactional
    WebhookEndpointWithSecretResponse rotateSecret(Actor actor, String merchantId, String endpointId,
            String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        find(merchantId, endpointId);
        String secret = StandardWebhook.newSecret(random);
        jdbc.sql("UPDATE merchant_webhook_endpoint SET secret = :secret, updated_at = now() WHERE endpoint_id = :id")
                .param("id", endpointId)
                .param("secret", cipher.encrypt(secret, SecretContexts.webhookEndpointSecret(endpointId)))
                .update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("webhook_endpoint.secret_rotated", actor.userId(), endpointId, merchant.pspId(),
                merchantId, clientIp, actor.auditDetails(Map.of("endpointId", endpointId))));
        return new WebhookEndpointWithSecretResponse(find(merchantId, endpointId), secret);
    }

    @Transactional
    void delete(Actor actor, String merchantId, String endpointId, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        find(merchantId, endpointId);
        jdbc.sql("DELETE FROM merchant_webhook_endpoint WHERE endpoint_id = :id").param("id", endpointId).update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("webhook_endpoint.deleted", actor.userId(), endpointId, merchant.pspId(),
                merchantId, clientIp, actor.auditDetails(Map.of("endpointId", endpointId))));
    }

    /** The merchant if the actor may manage its endpoints: merchant admins and above, in scope (else 404). */
    private Node merchant(Actor actor, String merchantId) {
        Node merchant = registry.visible(actor, Kind.MERCHANT, merchantId);
        actor.require(actor.atLeast(Level.MERCHANT));
        return merchant;
    }

    private WebhookEndpointResponse find(String merchantId, String endpointId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_webhook_endpoint"
                        + " WHERE endpoint_id = :id AND merchant_id = :merchant")
                .param("id", endpointId).param("merchant", merchantId)
                .query(WebhookEndpointService::map).optional()
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No such webhook endpoint."));
    }

    /**
     * Beyond the pattern: a real host, and no user info, since a password in the URL would be shown in every
     * listing and logged by receivers.
     */
    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException ex) {
            throw RegistryProblems.invalid("url", "must be a valid http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw RegistryProblems.invalid("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw RegistryProblems.invalid("url", "must not carry user info");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw RegistryProblems.invalid("url", "must be a valid http or https URL");
        }
    }

    /** Event names hold no commas (their pattern), so a comma-joined list round-trips through string_to_array. */
    private static String events(List<String> events) {
        return String.join(",", new LinkedHashSet<>(events));
    }

    private static String description(String description) {
        return description == null || description.isBlank() ? null : description.strip();
    }

    private static WebhookEndpointResponse map(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpointResponse(rs.getString("endpoint_id"), rs.getString("merchant_id"),
                rs.getString("url"), rs.getString("description"), List.of(rs.getString("events").split(",")),
                WebhookEndpointStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
