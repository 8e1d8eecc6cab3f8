package com.mpac.portal.audit;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records security events (logins, MFA, impersonation, key rotation, activation, role changes) in
 * {@code audit_event}. Details must never hold secrets: no passwords, codes, tokens or key material.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One event. {@code actorId} did it, {@code subjectId} had it done to them; tenancy ids let admins filter. */
    public void record(AuditEvent event) {
        jdbc.sql("""
                INSERT INTO audit_event (type, actor_id, subject_id, psp_id, merchant_id, client_ip, details)
                VALUES (:type, :actor, :subject, :psp, :merchant, :ip, CAST(:details AS jsonb))
                """)
                .param("type", event.type()).param("actor", event.actorId()).param("subject", event.subjectId())
                .param("psp", event.pspId()).param("merchant", event.merchantId()).param("ip", event.clientIp())
                .param("details", json.writeValueAsString(event.details()))
                .update();
    }

    /** What happened, by whom, to whom, where; {@code type} is a dotted name such as {@code login.succeeded}. */
    public record AuditEvent(String type, String actorId, String subjectId, String pspId, String merchantId,
            String clientIp, Map<String, Object> details) {

        public AuditEvent {
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        public static AuditEvent of(String type, String actorId, String subjectId) {
            return new AuditEvent(type, actorId, subjectId, null, null, null, Map.of());
        }
    }
}
