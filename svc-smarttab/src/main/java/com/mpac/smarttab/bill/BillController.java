package com.mpac.smarttab.bill;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@RequestMapping("/bills")
@Validated
@Tag(name = "Bills")
class BillController {

    private final BillService bills;

    BillController(BillService bills) {
        this.bills = bills;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create bill from order", description = "The bill of an OPEN order, holding all its items; "
            + "the order becomes BILLED. Requires Idempotency-Key.")
    BillResponse create(@Valid @RequestBody BillRequests.Create request) {
        return bills.create(Caller.current(), request);
    }

    @GetMapping
    @Operation(summary = "List bills", description = "Newest first. Filters: status, order_id, store_id; cursor "
            + "pagination.")
    Page<BillResponse> list(@RequestParam(required = false) BillStatus status,
            @RequestParam(name = "order_id", required = false) @Size(max = 64) String orderId,
            @RequestParam(name = "store_id", required = false) @Size(max = 64) String storeId,
            @RequestParam(required = false) @Size(max = 20) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return bills.list(Caller.current(), status, orderId, storeId, Page.below(cursor), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Bill details", description = "With its items, payments and history (derived_from, "
            + "derived_into).")
    BillResponse get(@PathVariable @Size(max = 64) String id) {
        return bills.get(Caller.current().visible(), id);
    }

    @PostMapping("/{id}/split")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Split bill", description = "An unpaid OPEN bill: mode equal (parts: N; the remainder goes "
            + "one minor unit each to the first parts), amounts (amounts summing exactly to the total) or items "
            + "(groups of item ids; unnamed items form one more part). The bill becomes SPLIT; the parts are OPEN "
            + "bills. Requires Idempotency-Key.")
    SplitResponse split(@PathVariable @Size(max = 64) String id, @Valid @RequestBody BillRequests.Split request) {
        return bills.split(Caller.current(), id, request);
    }

    @PostMapping("/combine")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Combine bills", description = "Unpaid OPEN bills of one store and currency become one bill "
            + "summing them; the sources become COMBINED. Requires Idempotency-Key.")
    BillResponse combine(@Valid @RequestBody BillRequests.Combine request) {
        return bills.combine(Caller.current(), request);
    }
}
