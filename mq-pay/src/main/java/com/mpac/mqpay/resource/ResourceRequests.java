package com.mpac.mqpay.resource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.mpac.mqpay.payment.PaymentMethod;
import com.mpac.mqpay.payment.Provider;

/**
 * Create bodies of the CRUD resources, read by {@link ResourceService#read}: unknown fields are refused, so a
 * {@code status} or {@code paid} sent here is a 400, not silently ignored; the CRUD endpoints never write statuses
 * or paid amounts.
 */
final class ResourceRequests {

    private ResourceRequests() {
    }

    record TransactionCreate(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String sourceType,
            @NotBlank @Size(max = 128) String sourceId, @Size(max = 128) String sourceUid,
            @NotNull BigDecimal total, String currency, @Size(max = 500) String note) {
    }

    record AttemptCreate(@NotNull UUID transactionId, @NotNull Provider provider, @NotNull PaymentMethod method,
            BigDecimal amount, @Size(max = 500) String note) {
    }

    record ResultCreate(@NotNull UUID transactionId, UUID attemptId,
            @NotBlank @Size(max = 64) String provider, @Size(max = 500) String message, BigDecimal amount,
            @Size(max = 128) String providerReference, Instant paidAt) {
    }

    record ItemCreate(@NotNull UUID transactionId, @NotBlank @Size(max = 200) String name,
            @Size(max = 64) String sku, @NotNull @Positive @Max(1_000_000) Integer quantity,
            @NotNull BigDecimal unitPrice, @Size(max = 500) String note) {
    }
}
