package com.mpac.smarttab.customer;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
@RequestMapping("/customers")
@Validated
@Tag(name = "Customers")
class CustomerController {

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    record CreateCustomer(@NotBlank @Size(max = 200) String name,
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{3,32}", message = "must be a phone number") String phone,
            @Size(max = 254) @Email String email, @Size(max = 1000) String notes) {
    }

    record CustomerResponse(String id, String object, String merchantId, String name, String phone, String email,
            String notes, Instant createdAt) {

        static CustomerResponse map(ResultSet rs, int row) throws SQLException {
            return new CustomerResponse(rs.getString("id"), "customer", rs.getString("merchant_id"),
                    rs.getString("name"), rs.getString("phone"), rs.getString("email"), rs.getString("notes"),
                    rs.getTimestamp("created_at").toInstant());
        }
    }

    record OrderSummary(String id, String status, String storeId, String currency, BigDecimal total,
            List<String> billIds, Instant createdAt) {
    }

    /** Purchase history: the customer's orders, newest first, and what the paid ones came to per currency. */
    record PurchaseHistory(String object, String customerId, long orderCount, Map<String, BigDecimal> totalPaid,
            List<OrderSummary> data, boolean hasMore, String nextCursor) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create customer", description = "A customer of the merchant (seen by all its stores): "
            + "name, phone, email, notes. Requires Idempotency-Key.")
    CustomerResponse create(@Valid @RequestBody CreateCustomer request) {
        return customers.create(Caller.current(), request);
    }

    @GetMapping
    @Operation(summary = "Search customers", description = "q matches the start of the name, phone or email "
            + "(case-insensitive); newest first; cursor pagination.")
    Page<CustomerResponse> search(@RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) @Size(max = 20) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return customers.search(Caller.current(), q, Page.below(cursor), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Customer details")
    CustomerResponse get(@PathVariable @Size(max = 64) String id) {
        return customers.get(Caller.current(), id);
    }

    @GetMapping("/{id}/orders")
    @Operation(summary = "Purchase history", description = "The customer's orders the caller may see, with totals; "
            + "total_paid sums the PAID orders per currency, net of what was refunded on their bills' payments.")
    PurchaseHistory orders(@PathVariable @Size(max = 64) String id,
            @RequestParam(required = false) @Size(max = 20) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return customers.history(Caller.current(), id, Page.below(cursor), limit);
    }
}
