package com.mpac.portal.registry;

import java.net.URI;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/psps")
@Tag(name = "PSPs", description = "Payment service providers, the top of the tenant tree. Platform admins manage "
        + "them; a PSP admin reads their own.")
class PspController {

    private final PspService psps;

    PspController(PspService psps) {
        this.psps = psps;
    }

    enum PspStatus {
        ACTIVE, DISABLED
    }

    record CreatePspRequest(@NotBlank @Size(max = 200) String name) implements StrictRequest {
    }

    record UpdatePspRequest(@Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*") String name,
            PspStatus status) implements StrictRequest {
    }

    record PspResponse(String id, String name, PspStatus status, Instant createdAt, Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "List PSPs", description = "Platform admins see every PSP, a PSP admin their own. Cursor "
            + "pagination: pass the previous page's nextCursor as startingAfter. Filters: status, q (name contains).")
    CursorPage<PspResponse> list(@AuthenticationPrincipal CallerToken caller,
            @RequestParam(required = false) PspStatus status,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return psps.list(Actor.of(caller), status, q, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create PSP", description = "Platform admins only.")
    ResponseEntity<PspResponse> create(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CreatePspRequest request, HttpServletRequest http) {
        PspResponse created = psps.create(Actor.of(caller), request, ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/psps/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get PSP", description = "Another PSP's id answers 404.")
    PspResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String id) {
        return psps.get(Actor.of(caller), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update PSP", description = "Platform admins only: name and status (ACTIVE, DISABLED). "
            + "Disabling a PSP pushes its merchants as SUSPENDED to the payment services.")
    PspResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            @Valid @RequestBody UpdatePspRequest request, HttpServletRequest http) {
        return psps.update(Actor.of(caller), id, request, ClientAddress.of(http));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate PSP", description = "Sets the status to DISABLED (PATCH status ACTIVE undoes it).")
    PspResponse deactivate(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            HttpServletRequest http) {
        return psps.update(Actor.of(caller), id, new UpdatePspRequest(null, PspStatus.DISABLED),
                ClientAddress.of(http));
    }
}
