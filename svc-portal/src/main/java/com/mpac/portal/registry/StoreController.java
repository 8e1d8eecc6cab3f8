package com.mpac.portal.registry;

import java.net.URI;
import java.time.Instant;

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
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/stores")
@Tag(name = "Stores", description = "A merchant's stores with their address and timezone.")
class StoreController {

    private final StoreService stores;

    StoreController(StoreService stores) {
        this.stores = stores;
    }

    enum StoreStatus {
        ACTIVE, DISABLED
    }

    /** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. */
    record Address(
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]*") String postalCode,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code, e.g. MD")
            String country) implements StrictRequest {
    }

    record CreateStoreRequest(
            @Size(max = 64) String merchantId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Valid Address address,
            @NotBlank @Size(max = 64) String timezone) implements StrictRequest {
    }

    /** Absent or null: unchanged; {@code address} is replaced as a whole. */
    record UpdateStoreRequest(
            @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*") String name,
            StoreStatus status,
            @Valid Address address,
            @Size(min = 1, max = 64) String timezone) implements StrictRequest {
    }

    record StoreResponse(String id, String merchantId, String pspId, String name, StoreStatus status,
            Address address, String timezone, Instant createdAt, Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "List stores", description = "Within the caller's part of the tree (a store's staff see "
            + "their store). Filters: status, merchantId, q (name contains); cursor pagination with startingAfter.")
    CursorPage<StoreResponse> list(@AuthenticationPrincipal CallerToken caller,
            @RequestParam(required = false) StoreStatus status,
            @RequestParam(required = false) @Size(max = 64) String merchantId,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return stores.list(Actor.of(caller), status, merchantId, q, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create store", description = "Merchant admins (in their merchant; merchantId may be "
            + "omitted), PSP and platform admins. The merchant must not be CLOSED; timezone is an IANA zone id.")
    ResponseEntity<StoreResponse> create(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CreateStoreRequest request, HttpServletRequest http) {
        StoreResponse created = stores.create(Actor.of(caller), request, ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/stores/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get store", description = "Another tenant's store answers 404.")
    StoreResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String id) {
        return stores.get(Actor.of(caller), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update store", description = "Merchant admins and above: name, status (ACTIVE, DISABLED), "
            + "address, timezone. A disabled store's terminals are pushed as DISABLED.")
    StoreResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            @Valid @RequestBody UpdateStoreRequest request, HttpServletRequest http) {
        return stores.update(Actor.of(caller), id, request, ClientAddress.of(http));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate store", description = "Sets the status to DISABLED.")
    StoreResponse deactivate(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            HttpServletRequest http) {
        return stores.update(Actor.of(caller), id, new UpdateStoreRequest(null, StoreStatus.DISABLED, null, null),
                ClientAddress.of(http));
    }
}
