package com.mpac.portal.registry;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/terminals")
@Tag(name = "Terminals", description = "A store's POS devices. Registered here (status PENDING); activated, given "
        + "credentials and deactivated through device provisioning.")
class TerminalController {

    static final String SERIAL = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}";
    static final String PROVIDER_ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

    private final TerminalService terminals;

    TerminalController(TerminalService terminals) {
        this.terminals = terminals;
    }

    enum TerminalStatus {
        PENDING, ACTIVE, DISABLED
    }

    record CreateTerminalRequest(
            @NotBlank @Size(max = 64) String storeId,
            @Size(max = 100) @Pattern(regexp = "(?s).*\\S.*") String name,
            @Pattern(regexp = SERIAL) String serialNumber,
            @Size(max = 6) Map<@NotNull Provider, @NotNull @Pattern(regexp = PROVIDER_ID) String> providerTerminalIds)
            implements StrictRequest {
    }

    /**
     * Absent or null: unchanged; an empty string clears name or serialNumber; {@code providerTerminalIds} is replaced
     * as a whole ({} clears it). The status changes only through provisioning (activate, deactivate).
     */
    record UpdateTerminalRequest(
            @Size(max = 100) @Pattern(regexp = "|(?s).*\\S.*") String name,
            @Pattern(regexp = "|" + SERIAL) String serialNumber,
            @Size(max = 6) Map<@NotNull Provider, @NotNull @Pattern(regexp = PROVIDER_ID) String> providerTerminalIds)
            implements StrictRequest {
    }

    record TerminalResponse(String id, String storeId, String merchantId, String pspId, String name,
            String serialNumber, TerminalStatus status, Map<Provider, String> providerTerminalIds, Instant createdAt,
            Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "List devices", description = "Within the caller's part of the tree (a store's staff see "
            + "their store's). Filters: status, storeId, merchantId, q (name or serial contains); cursor pagination.")
    CursorPage<TerminalResponse> list(@AuthenticationPrincipal CallerToken caller,
            @RequestParam(required = false) TerminalStatus status,
            @RequestParam(required = false) @Size(max = 64) String storeId,
            @RequestParam(required = false) @Size(max = 64) String merchantId,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return terminals.list(Actor.of(caller), status, storeId, merchantId, q, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Register device", description = "Merchant admins and above, in an ACTIVE store of their "
            + "scope. The terminal starts PENDING until it is activated with an activation code. "
            + "providerTerminalIds maps a provider to the terminal's id there, e.g. {\"MIA_POS\": \"T-0042\"}.")
    ResponseEntity<TerminalResponse> create(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CreateTerminalRequest request, HttpServletRequest http) {
        TerminalResponse created = terminals.create(Actor.of(caller), request, ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/terminals/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get device", description = "Another tenant's terminal answers 404.")
    TerminalResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String id) {
        return terminals.get(Actor.of(caller), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update device", description = "Merchant admins and above: name, serialNumber, "
            + "providerTerminalIds.")
    TerminalResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            @Valid @RequestBody UpdateTerminalRequest request, HttpServletRequest http) {
        return terminals.update(Actor.of(caller), id, request, ClientAddress.of(http));
    }
}
