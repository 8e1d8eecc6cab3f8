package com.mpac.smarttab.order;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.tenant.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/orders")
@Validated
@Tag(name = "Orders")
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create order", description = "Line items with quantity, unit price, modifiers, notes and a "
            + "tax rate (percent, exclusive unless tax_inclusive). The server computes every total in the currency's "
            + "scale; a client-sent total is refused. Terminals and store staff order in their own store; a merchant "
            + "admin names store_id. Requires Idempotency-Key.")
    OrderResponse create(@Valid @RequestBody OrderRequests.Create request) {
        return orders.create(Caller.current(), request);
    }

    @GetMapping
    @Operation(summary = "List orders", description = "Newest first. Filters: status, store_id, terminal_id, "
            + "customer_id, created_from / created_to (ISO-8601 instants); cursor pagination (limit 1-100, cursor).")
    Page<OrderResponse> list(@RequestParam(required = false) OrderStatus status,
            @RequestParam(name = "store_id", required = false) @Size(max = 64) String storeId,
            @RequestParam(name = "terminal_id", required = false) @Size(max = 64) String terminalId,
            @RequestParam(name = "customer_id", required = false) @Size(max = 64) String customerId,
            @RequestParam(name = "created_from", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
            @RequestParam(name = "created_to", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
            @RequestParam(required = false) @Size(max = 20) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return orders.list(Caller.current(), new OrderRepository.Filter(status, storeId, terminalId, customerId,
                comparable("created_from", createdFrom), comparable("created_to", createdTo), Page.below(cursor),
                limit));
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * A filter date of the years 1 to 9999: ISO-8601 instants parse far wider than PostgreSQL's timestamptz holds
     * (4713 BC to 294276 AD), and a date it cannot hold fails the query itself, which is the caller's input.
     */
    private static Instant comparable(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, field + ": must be an instant of the years 1 to "
                    + "9999");
        }
        return value;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Order details")
    OrderResponse get(@PathVariable @Size(max = 64) String id) {
        return orders.get(Caller.current(), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update order", description = "While OPEN: add_items, update_items (quantity, notes), "
            + "remove_item_ids, notes, customer_id. Totals are recomputed.")
    OrderResponse update(@PathVariable @Size(max = 64) String id, @Valid @RequestBody OrderRequests.Update request) {
        return orders.update(Caller.current(), id, request);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel order", description = "With a reason; an OPEN order, or a BILLED one whose bill "
            + "took no money (the bill is voided). 409 order_in_combined_bill while an unpaid bill holds it together with "
            + "other orders (voiding it would strand them). Requires Idempotency-Key.")
    OrderResponse cancel(@PathVariable @Size(max = 64) String id, @Valid @RequestBody OrderRequests.Cancel request) {
        return orders.cancel(Caller.current(), id, request);
    }
}
