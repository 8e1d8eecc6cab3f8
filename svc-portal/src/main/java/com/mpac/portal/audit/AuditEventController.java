package com.mpac.portal.audit;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.CursorPage;

import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Audit log", description = "Security events: logins, MFA, impersonation, key rotation, activation, "
        + "role and registry changes, API keys.")
class AuditEventController {

    private final AuditEventQuery events;

    AuditEventController(AuditEventQuery events) {
        this.events = events;
    }

    /** One event; {@code id} is the cursor for {@code startingAfter}. */
    record AuditEventResponse(String id, Instant occurredAt, String type, String actorId, String subjectId,
            String pspId, String merchantId, String clientIp, JsonNode details) {
    }

    @GetMapping("/api/v1/audit-events")
    @Operation(summary = "List audit events", description = "Newest first. Platform admins see every event, a PSP "
            + "admin those of their PSP and its merchants, a merchant admin those of their merchant. Filters: type "
            + "(exact, e.g. user.roles_changed), actor, subject (ids), from (inclusive) and to (exclusive) as "
            + "ISO-8601 instants; cursor pagination with startingAfter (an event id).")
    CursorPage<AuditEventResponse> list(@AuthenticationPrincipal CallerToken caller,
            @RequestParam(required = false) @Size(max = 100) String type,
            @RequestParam(required = false) @Size(max = 100) String actor,
            @RequestParam(required = false) @Size(max = 100) String subject,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Pattern(regexp = "[0-9]{1,18}") String startingAfter) {
        return events.list(Actor.of(caller), new AuditEventQuery.Filter(type, actor, subject, from, to), limit,
                startingAfter == null ? null : Long.valueOf(startingAfter));
    }
}
