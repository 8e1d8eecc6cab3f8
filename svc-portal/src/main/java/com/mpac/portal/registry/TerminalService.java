package com.mpac.portal.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.registry.TerminalController.CreateTerminalRequest;
import com.mpac.portal.registry.TerminalController.TerminalResponse;
import com.mpac.portal.registry.TerminalController.TerminalStatus;
import com.mpac.portal.registry.TerminalController.UpdateTerminalRequest;
import com.mpac.portal.tenant.TenantScope.Level;

@Service
class TerminalService {

    /** What one configuration push may carry (MerchantConfiguration: at most 500 terminals per store). */
    static final int MAX_TERMINALS_PER_STORE = 500;

    private static final String COLUMNS = """
            t.terminal_id, t.store_id, t.merchant_id, m.psp_id, t.name, t.serial_number, t.status, t.created_at,
            t.updated_at,
            (SELECT string_agg(p.provider || '=' || p.external_id, ',' ORDER BY p.provider)
             FROM terminal_provider_id p WHERE p.terminal_id = t.terminal_id) AS provider_ids""";
    private static final String FROM = " FROM terminal t JOIN merchant m ON m.merchant_id = t.merchant_id";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;

    TerminalService(JdbcClient jdbc, Registry registry, ConfigurationOutbox outbox, AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<TerminalResponse> list(Actor actor, TerminalStatus status, String storeId, String merchantId,
            String q, int limit, String startingAfter) {
        Sql.Where where = switch (actor.level()) {
            case PLATFORM -> new Sql.Where();
            case PSP -> new Sql.Where().and("m.psp_id = :scope", "scope", actor.scope().pspId());
            case MERCHANT -> new Sql.Where().and("t.merchant_id = :scope", "scope", actor.scope().merchantId());
            case STORE -> new Sql.Where().and("t.store_id = :scope", "scope", actor.scope().storeId());
        };
        where.and("t.status = :status", "status", status == null ? null : status.name())
                .and("t.store_id = :store", "store", storeId)
                .and("t.merchant_id = :merchant", "merchant", merchantId)
                .and("(t.name ILIKE :q OR t.serial_number ILIKE :q)", "q",
                        q == null || q.isBlank() ? null : Sql.containing(q.strip()))
                .and("t.terminal_id > :after", "after", startingAfter);
        List<TerminalResponse> rows = jdbc.sql("SELECT " + COLUMNS + FROM + where.sql()
                        + " ORDER BY t.terminal_id LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query(TerminalService::map).list();
        return CursorPage.of(rows, limit, TerminalResponse::id);
    }

    @Transactional
    TerminalResponse create(Actor actor, CreateTerminalRequest request, String clientIp) {
        actor.require(actor.atLeast(Level.MERCHANT));
        String merchantId = registry.visible(actor, Kind.STORE, request.storeId()).merchantId();
        outbox.lockMerchant(merchantId);
        // Read again under the lock: store and merchant changes take the same lock first.
        Node store = registry.find(Kind.STORE, request.storeId()).orElseThrow();
        if (!store.isActive()) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The store is not active.");
        }
        if (registry.find(Kind.MERCHANT, store.merchantId()).map(m -> "CLOSED".equals(m.status())).orElse(true)) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The merchant is closed.");
        }
        long terminals = jdbc.sql("SELECT count(*) FROM terminal WHERE store_id = :id").param("id", store.id())
                .query(Long.class).single();
        if (terminals >= MAX_TERMINALS_PER_STORE) {
            throw new ApiException(RegistryProblems.LIMIT_REACHED,
                    "A store has at most " + MAX_TERMINALS_PER_STORE + " terminals.");
        }
        String id = Ids.next("ter");
        try {
            jdbc.sql("""
                    INSERT INTO terminal (terminal_id, store_id, merchant_id, status, name, serial_number)
                    VALUES (:id, :store, :merchant, 'PENDING', :name, :serial)
                    """)
                    .param("id", id).param("store", store.id()).param("merchant", store.merchantId())
                    .param("name", request.name() == null ? null : request.name().strip())
                    .param("serial", request.serialNumber())
                    .update();
            replaceProviderIds(id, request.providerTerminalIds() == null ? Map.of() : request.providerTerminalIds());
        }
        catch (DuplicateKeyException ex) {
            throw alreadyInUse(ex);
        }
        outbox.enqueue(store.merchantId());
        audit.record(new AuditEvent("terminal.registered", actor.userId(), id, store.pspId(), store.merchantId(),
                clientIp, actor.auditDetails(Map.of("storeId", store.id()))));
        return find(id);
    }

    @Transactional(readOnly = true)
    TerminalResponse get(Actor actor, String id) {
        registry.visible(actor, Kind.TERMINAL, id);
        return find(id);
    }

    @Transactional
    TerminalResponse update(Actor actor, String id, UpdateTerminalRequest request, String clientIp) {
        Node node = registry.visible(actor, Kind.TERMINAL, id);
        actor.require(actor.atLeast(Level.MERCHANT));
        outbox.lockMerchant(node.merchantId());
        TerminalResponse current = find(id);
        String name = request.name() == null ? current.name()
                : request.name().isEmpty() ? null : request.name().strip();
        String serial = MerchantService.patch(current.serialNumber(), request.serialNumber());
        Map<Provider, String> providerIds = request.providerTerminalIds() == null ? current.providerTerminalIds()
                : sorted(request.providerTerminalIds());
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(name, current.name())) {
            changed.add("name");
        }
        if (!Objects.equals(serial, current.serialNumber())) {
            changed.add("serialNumber");
        }
        if (!providerIds.equals(current.providerTerminalIds())) {
            changed.add("providerTerminalIds");
        }
        if (changed.isEmpty()) {
            return current;
        }
        try {
            jdbc.sql("UPDATE terminal SET name = :name, serial_number = :serial, updated_at = now()"
                    + " WHERE terminal_id = :id")
                    .param("id", id).param("name", name).param("serial", serial)
                    .update();
            replaceProviderIds(id, providerIds);
        }
        catch (DuplicateKeyException ex) {
            throw alreadyInUse(ex);
        }
        outbox.enqueue(node.merchantId());
        audit.record(new AuditEvent("terminal.updated", actor.userId(), id, node.pspId(), node.merchantId(), clientIp,
                actor.auditDetails(Map.of("fields", changed))));
        return find(id);
    }

    private void replaceProviderIds(String terminalId, Map<Provider, String> ids) {
        jdbc.sql("DELETE FROM terminal_provider_id WHERE terminal_id = :id").param("id", terminalId).update();
        ids.forEach((provider, externalId) -> jdbc.sql("""
                INSERT INTO terminal_provider_id (terminal_id, provider, external_id)
                VALUES (:id, :provider, :external)
                """)
                .param("id", terminalId).param("provider", provider.name()).param("external", externalId)
                .update());
    }


    private TerminalResponse find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE t.terminal_id = :id").param("id", id)
                .query(TerminalService::map).single();
    }

    private static Map<Provider, String> sorted(Map<Provider, String> ids) {
        return ids.isEmpty() ? Map.of() : new EnumMap<>(ids);
    }

    private static ApiException alreadyInUse(DuplicateKeyException ex) {
        String field = Sql.violates(ex, "terminal_serial_number_idx") ? "serialNumber" : "providerTerminalIds";
        return new ApiException(RegistryProblems.ALREADY_IN_USE,
                "Another terminal already uses this " + field + ".", Map.of("field", field));
    }

    private static TerminalResponse map(ResultSet rs, int row) throws SQLException {
        Map<Provider, String> providerIds = new LinkedHashMap<>();
        String encoded = rs.getString("provider_ids");
        if (encoded != null) {
            for (String pair : encoded.split(",")) {
                int eq = pair.indexOf('=');
                providerIds.put(Provider.valueOf(pair.substring(0, eq)), pair.substring(eq + 1));
            }
        }
        return new TerminalResponse(rs.getString("terminal_id"), rs.getString("store_id"),
                rs.getString("merchant_id"), rs.getString("psp_id"), rs.getString("name"),
                rs.getString("serial_number"), TerminalStatus.valueOf(rs.getString("status")),
                providerIds.isEmpty() ? Map.of() : new EnumMap<>(providerIds), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
