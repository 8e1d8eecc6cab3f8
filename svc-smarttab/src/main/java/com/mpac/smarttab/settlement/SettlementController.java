package com.mpac.smarttab.settlement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.tenant.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/settlements")
@Validated
@Tag(name = "Settlements")
class SettlementController {

    private final SettlementService settlements;

    SettlementController(SettlementService settlements) {
        this.settlements = settlements;
    }

    record OpenSettlement(@Pattern(regexp = "store|terminal") String scope, @Size(max = 64) String storeId,
            @Size(max = 64) String terminalId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create settlement", description = "Opens the settlement period of a terminal (scope "
            + "terminal; a device token opens its own) or of a store (scope store; store managers and merchant "
            + "admins only). One open at a time per store and per terminal: 409 settlement_already_open; a store "
            + "period and a terminal period of the same store are never open together: 409 "
            + "settlement_scope_overlap. Requires Idempotency-Key.")
    SettlementResponse open(@Valid @RequestBody(required = false) OpenSettlement request) {
        OpenSettlement body = request == null ? new OpenSettlement(null, null, null) : request;
        return settlements.open(Caller.current(),
                new SettlementService.Open(body.scope(), body.storeId(), body.terminalId()));
    }

    @GetMapping
    @Operation(summary = "List settlements", description = "Newest first. Filters: status (OPEN, CLOSED), store_id, "
            + "terminal_id; cursor pagination.")
    Page<SettlementResponse> list(@RequestParam(required = false) @Pattern(regexp = "OPEN|CLOSED") String status,
            @RequestParam(name = "store_id", required = false) @Size(max = 64) String storeId,
            @RequestParam(name = "terminal_id", required = false) @Size(max = 64) String terminalId,
            @RequestParam(required = false) @Size(max = 20) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return settlements.list(Caller.current(), status, storeId, terminalId, Page.below(cursor), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Settlement details", description = "Not in the seed; the same document the close answers.")
    SettlementResponse get(@PathVariable @Size(max = 64) String id) {
        return settlements.get(Caller.current().visible(), id);
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close settlement", description = "Takes every succeeded payment and refund of the scope "
            + "not yet settled, computes totals per currency, method and provider (counts, gross, refunds, tips, "
            + "net), reconciles the card/QR part with mpac-pgw (the same payments' intents for captured, the same "
            + "refunds by id and refund time for refunded) for the same store/terminal, records each difference as a discrepancy line, and freezes the "
            + "settlement. A terminal closes its own terminal's settlement; a store's needs a manager. 503 when the "
            + "gateway cannot be read (the settlement stays open). Requires Idempotency-Key.")
    SettlementResponse close(@PathVariable @Size(max = 64) String id) {
        return settlements.close(Caller.current(), id);
    }
}
