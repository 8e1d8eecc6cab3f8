package com.mpac.smarttab.order;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the order routes. No totals: the server computes them, and an unknown field is a 400. */
final class OrderRequests {

    private OrderRequests() {
    }

    record Item(@NotBlank @Size(max = 200) String name, @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(9999) Integer quantity, @NotNull BigDecimal unitPrice,
            @Size(max = 20) List<@Valid @NotNull Modifier> modifiers, @Size(max = 500) String notes,
            @DecimalMin("0") @DecimalMax("100") BigDecimal taxRate, Boolean taxInclusive) {
    }

    record Modifier(@NotBlank @Size(max = 100) String name, @NotNull BigDecimal price) {
    }

    record Create(@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case")
            String currency, @Size(max = 64) String storeId, @Size(max = 64) String customerId,
            @Size(max = 1000) String notes, @NotEmpty @Size(max = 200) List<@Valid @NotNull Item> items) {
    }

    record ItemChange(@NotBlank @Size(max = 64) String id, @Min(1) @Max(9999) Integer quantity,
            @Size(max = 500) String notes) {
    }

    record Update(@Size(max = 200) List<@Valid @NotNull Item> addItems,
            @Size(max = 200) List<@Valid @NotNull ItemChange> updateItems,
            @Size(max = 200) List<@NotBlank @Size(max = 64) String> removeItemIds,
            @Size(max = 1000) String notes, @Size(max = 64) String customerId) {
    }

    record Cancel(@NotBlank @Size(max = 500) String reason) {
    }
}
