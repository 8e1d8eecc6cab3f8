package com.mpac.portal.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.registry.StoreController.Address;
import com.mpac.portal.registry.StoreController.CreateStoreRequest;
import com.mpac.portal.registry.StoreController.StoreResponse;
import com.mpac.portal.registry.StoreController.StoreStatus;
import com.mpac.portal.registry.StoreController.UpdateStoreRequest;
import com.mpac.portal.tenant.TenantScope.Level;

@Service
class StoreService {

    /** What one configuration push may carry (MerchantConfiguration: at most 500 stores). */
    static final int MAX_STORES_PER_MERCHANT = 500;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final String COLUMNS = """
            s.store_id, s.merchant_id, m.psp_id, s.name, s.status, s.address_line1, s.address_line2, s.city,
            s.postal_code, s.country, s.timezone, s.created_at, s.updated_at""";
    private static final String FROM = " FROM store s JOIN merchant m ON m.merchant_id = s.merchant_id";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;

    StoreService(JdbcClient jdbc, Registry registry, ConfigurationOutbox outbox, AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<StoreResponse> list(Actor actor, StoreStatus status, String merchantId, String q, int limit,
            String startingAfter) {
        Sql.Where where = scoped(actor)
                .and("s.status = :status", "status", status == null ? null : status.name())
                .and("s.merchant_id = :merchant", "merchant", merchantId)
                .and("s.name ILIKE :q", "q", q == null || q.isBlank() ? null : Sql.containing(q.strip()))
                .and("s.store_id > :after", "after", startingAfter);
        List<StoreResponse> rows = jdbc.sql("SELECT " + COLUMNS + FROM + where.sql() + " ORDER BY s.store_id LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query(StoreService::map).list();
        return CursorPage.of(rows, limit, StoreResponse::id);
    }

    @Transactional
    StoreResponse create(Actor actor, CreateStoreRequest request, String clientIp) {
        actor.require(actor.atLeast(Level.MERCHANT));
        String merchantId = request.merchantId() != null ? request.merchantId()
                : actor.level() == Level.MERCHANT ? actor.scope().merchantId() : null;
        if (merchantId == null) {
            throw RegistryProblems.invalid("merchantId", "must not be null");
        }
        registry.visible(actor, Kind.MERCHANT, merchantId);
        requireKnown(request.address(), request.timezone());
        outbox.lockMerchant(merchantId);
        // Read again under the lock: the status cannot change before this transaction ends.
        Node merchant = registry.find(Kind.MERCHANT, merchantId).orElseThrow();
        if ("CLOSED".equals(merchant.status())) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The merchant is closed.");
        }
        long stores = jdbc.sql("SELECT count(*) FROM store WHERE merchant_id = :id").param("id", merchantId)
                .query(Long.class).single();
        if (stores >= MAX_STORES_PER_MERCHANT) {
            throw new ApiException(RegistryProblems.LIMIT_REACHED,
                    "A merchant has at most " + MAX_STORES_PER_MERCHANT + " stores.");
        }
        String id = Ids.next("sto");
        Address address = request.address();
        jdbc.sql("""
                INSERT INTO store (store_id, merchant_id, name, status, address_line1, address_line2, city,
                    postal_code, country, timezone)
                VALUES (:id, :merchant, :name, 'ACTIVE', :line1, :line2, :city, :postal, :country, :timezone)
                """)
                .param("id", id).param("merchant", merchantId).param("name", request.name().strip())
                .param("line1", address.line1().strip()).param("line2", blankToNull(address.line2()))
                .param("city", address.city().strip()).param("postal", blankToNull(address.postalCode()))
                .param("country", address.country()).param("timezone", request.timezone())
                .update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("store.created", actor.userId(), id, merchant.pspId(), merchantId, clientIp,
                actor.auditDetails(Map.of("storeId", id))));
        return find(id);
    }

    @Transactional(readOnly = true)
    StoreResponse get(Actor actor, String id) {
        registry.visible(actor, Kind.STORE, id);
        return find(id);
    }

    @Transactional
    StoreResponse update(Actor actor, String id, UpdateStoreRequest request, String clientIp) {
        Node node = registry.visible(actor, Kind.STORE, id);
        actor.require(actor.atLeast(Level.MERCHANT));
        requireKnown(request.address(), request.timezone());
        outbox.lockMerchant(node.merchantId());
        StoreResponse current = find(id);
        String name = request.name() == null ? current.name() : request.name().strip();
        StoreStatus status = request.status() == null ? current.status() : request.status();
        Address address = request.address() == null ? current.address() : normalized(request.address());
        String timezone = request.timezone() == null ? current.timezone() : request.timezone();
        List<String> changed = new ArrayList<>();
        if (!name.equals(current.name())) {
            changed.add("name");
        }
        if (status != current.status()) {
            changed.add("status");
        }
        if (!Objects.equals(address, current.address())) {
            changed.add("address");
        }
        if (!Objects.equals(timezone, current.timezone())) {
            changed.add("timezone");
        }
        if (changed.isEmpty()) {
            return current;
        }
        jdbc.sql("""
                UPDATE store SET name = :name, status = :status, address_line1 = :line1, address_line2 = :line2,
                    city = :city, postal_code = :postal, country = :country, timezone = :timezone, updated_at = now()
                WHERE store_id = :id
                """)
                .param("id", id).param("name", name).param("status", status.name())
                .param("line1", address == null ? null : address.line1())
                .param("line2", address == null ? null : address.line2())
                .param("city", address == null ? null : address.city())
                .param("postal", address == null ? null : address.postalCode())
                .param("country", address == null ? null : address.country()).param("timezone", timezone)
                .update();
        outbox.enqueue(node.merchantId());
        audit.record(new AuditEvent(status != current.status() ? "store.status_changed" : "store.updated",
                actor.userId(), id, node.pspId(), node.merchantId(), clientIp,
                actor.auditDetails(Map.of("fields", changed, "status", status.name()))));
        return find(id);
    }

    /** The scope of a list: everything, a PSP's, a merchant's or one store. */
    private static Sql.Where scoped(Actor actor) {
        return switch (actor.level()) {
            case PLATFORM -> new Sql.Where();
            case PSP -> new Sql.Where().and("m.psp_id = :scope", "scope", actor.scope().pspId());
            case MERCHANT -> new Sql.Where().and("s.merchant_id = :scope", "scope", actor.scope().merchantId());
            case STORE -> new Sql.Where().and("s.store_id = :scope", "scope", actor.scope().storeId());
        };
    }


    private static void requireKnown(Address address, String timezone) {
        if (address != null && !COUNTRIES.contains(address.country())) {
            throw RegistryProblems.invalid("address.country", "must be an ISO 3166-1 alpha-2 code, e.g. MD");
        }
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw RegistryProblems.invalid("timezone", "must be an IANA time zone, e.g. Europe/Chisinau");
        }
    }

    private static Address normalized(Address address) {
        return new Address(address.line1().strip(), blankToNull(address.line2()), address.city().strip(),
                blankToNull(address.postalCode()), address.country());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private StoreResponse find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE s.store_id = :id").param("id", id)
                .query(StoreService::map).single();
    }

    private static StoreResponse map(ResultSet rs, int row) throws SQLException {
        Address address = rs.getString("address_line1") == null && rs.getString("country") == null ? null
                : new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                        rs.getString("postal_code"), rs.getString("country"));
        return new StoreResponse(rs.getString("store_id"), rs.getString("merchant_id"), rs.getString("psp_id"),
                rs.getString("name"), StoreStatus.valueOf(rs.getString("status")), address, rs.getString("timezone"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
