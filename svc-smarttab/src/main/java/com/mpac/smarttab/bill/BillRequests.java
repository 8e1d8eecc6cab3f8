package com.mpac.smarttab.bill;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class BillRequests {

    private BillRequests() {
    }

    record Create(@NotBlank @Size(max = 64) String orderId, @Size(max = 64) String customerId) {
    }

    enum SplitMode {
        @JsonProperty("items") ITEMS,
        @JsonProperty("equal") EQUAL,
        @JsonProperty("amounts") AMOUNTS
    }

    /**
     * {@code mode} {@code equal} with {@code parts}; {@code amounts} with {@code amounts}; {@code items} with
     * {@code items} (groups of item ids; unnamed items form one more part).
     */
    record Split(@NotNull SplitMode mode, @Min(2) @Max(BillSplits.MAX_PARTS) Integer parts,
            @Size(min = 2, max = BillSplits.MAX_PARTS) List<@NotNull BigDecimal> amounts,
            @Size(min = 1, max = BillSplits.MAX_PARTS) List<@NotNull @Size(max = 200) List<@NotBlank String>> items) {
    }

    record Combine(@NotEmpty @Size(min = 2, max = 20) List<@NotBlank @Size(max = 64) String> billIds) {
    }
}
