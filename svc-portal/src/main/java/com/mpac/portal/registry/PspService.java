package com.mpac.portal.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.registry.PspController.CreatePspRequest;
import com.mpac.portal.registry.PspController.PspResponse;
import com.mpac.portal.registry.PspController.PspStatus;
import com.mpac.portal.registry.PspController.UpdatePspRequest;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.tenant.TenantScope.Level;

@Service
class PspService {

    private static final String COLUMNS = "psp_id, name, status, created_at, updated_at";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;

    PspService(JdbcClient jdbc, Registry registry, ConfigurationOutbox outbox, AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<PspResponse> list(Actor actor, PspStatus status, String q, int limit, String startingAfter) {
        actor.require(actor.atLeast(Level.PSP));
        Sql.Where where = new Sql.Where()
                .and("psp_id = :scopePsp", "scopePsp", actor.level() == Level.PSP ? actor.scope().pspId() : null)
                .and("status = :status", "status", status == null ? null : status.name())
                .and("name ILIKE :q", "q", q == null || q.isBlank() ? null : Sql.containing(q.strip()))
                .and("psp_id > :after", "after", startingAfter);
        List<PspResponse> rows = jdbc.sql("SELECT " + COLUMNS + " FROM psp" + where.sql()
                        + " ORDER BY psp_id LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query(PspService::map).list();
        return CursorPage.of(rows, limit, PspResponse::id);
    }

    @Transactional
    PspResponse create(Actor actor, CreatePspRequest request, String clientIp) {
        actor.require(actor.level() == Level.PLATFORM);
        String id = Ids.next("psp");
        jdbc.sql("INSERT INTO psp (psp_id, name, status) VALUES (:id, :name, 'ACTIVE')")
                .param("id", id).param("name", request.name().strip())
                .update();
        audit.record(new AuditEvent("psp.created", actor.userId(), id, id, null, clientIp,
                actor.auditDetails(Map.of())));
        return find(id);
    }

    @Transactional(readOnly = true)
    PspResponse get(Actor actor, String id) {
        registry.visible(actor, Kind.PSP, id);
        return find(id);
    }

    @Transactional
    PspResponse update(Actor actor, String id, UpdatePspRequest request, String clientIp) {
        registry.visible(actor, Kind.PSP, id);
        actor.require(actor.level() == Level.PLATFORM);
        PspResponse current = jdbc.sql("SELECT " + COLUMNS + " FROM psp WHERE psp_id = :id FOR NO KEY UPDATE")
                .param("id", id).query(PspService::map).single();
        String name = request.name() == null ? current.name() : request.name().strip();
        PspStatus status = request.status() == null ? current.status() : request.status();
        if (name.equals(current.name()) && status == current.status()) {
            return current;
        }
        jdbc.sql("UPDATE psp SET name = :name, status = :status, updated_at = now() WHERE psp_id = :id")
                .param("name", name).param("status", status.name()).param("id", id)
                .update();
        if (status != current.status()) {
            // Receivers know no PSPs: a disabled PSP's merchants travel as SUSPENDED, so each is pushed again.
            jdbc.sql("SELECT merchant_id FROM merchant WHERE psp_id = :id ORDER BY merchant_id")
                    .param("id", id).query(String.class).list()
                    .forEach(outbox::enqueue);
        }
        audit.record(new AuditEvent(status != current.status() ? "psp.status_changed" : "psp.updated",
                actor.userId(), id, id, null, clientIp,
                actor.auditDetails(Map.of("from", current.status().name(), "to", status.name()))));
        return find(id);
    }

    private PspResponse find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM psp WHERE psp_id = :id").param("id", id)
                .query(PspService::map).single();
    }

    private static PspResponse map(ResultSet rs, int row) throws SQLException {
        return new PspResponse(rs.getString("psp_id"), rs.getString("name"), PspStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
