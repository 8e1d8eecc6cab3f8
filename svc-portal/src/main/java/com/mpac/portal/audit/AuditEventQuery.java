package com.mpac.portal.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.portal.audit.AuditEventController.AuditEventResponse;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.Sql;
import com.mpac.portal.tenant.TenantScope.Level;

import tools.jackson.databind.json.JsonMapper;

/** Reads {@code audit_event} within the reader's tenancy, newest first, paged by event id. */
@Repository
class AuditEventQuery {

    record Filter(String type, String actor, String subject, Instant from, Instant to) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditEventQuery(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    CursorPage<AuditEventResponse> list(Actor actor, Filter filter, int limit, Long startingAfter) {
        actor.require(actor.atLeast(Level.MERCHANT));
        Sql.Where where = switch (actor.level()) {
            case PLATFORM -> new Sql.Where();
            // An event may name only the merchant; the PSP's merchants are its too.
            case PSP -> new Sql.Where().and("(psp_id = :scope OR merchant_id IN"
                    + " (SELECT merchant_id FROM merchant WHERE psp_id = :scope))", "scope", actor.scope().pspId());
            default -> new Sql.Where().and("merchant_id = :scope", "scope", actor.scope().merchantId());
        };
        where.and("type = :type", "type", filter.type())
                .and("actor_id = :actor", "actor", filter.actor())
                .and("subject_id = :subject", "subject", filter.subject())
                .and("occurred_at >= :from", "from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .and("occurred_at < :to", "to", filter.to() == null ? null : Timestamp.from(filter.to()))
                .and("event_id < :after", "after", startingAfter);
        List<AuditEventResponse> rows = jdbc.sql("""
                        SELECT event_id, occurred_at, type, actor_id, subject_id, psp_id, merchant_id, client_ip,
                               details::text AS details
                        FROM audit_event""" + where.sql() + " ORDER BY event_id DESC LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query((rs, n) -> new AuditEventResponse(Long.toString(rs.getLong("event_id")),
                        Sql.instant(rs, "occurred_at"), rs.getString("type"), rs.getString("actor_id"),
                        rs.getString("subject_id"), rs.getString("psp_id"), rs.getString("merchant_id"),
                        rs.getString("client_ip"), json.readTree(rs.getString("details"))))
                .list();
        return CursorPage.of(rows, limit, AuditEventResponse::id);
    }
}
