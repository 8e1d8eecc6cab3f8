package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** The request bodies of {@code /payments/*}, field for field as the seed shows them. */
final class PaymentRequests {

    private PaymentRequests() {
    }

    record CheckoutRequest(@NotNull @Valid Source source, @NotNull @Valid Payment payment,
            @Valid Expiration expiration, @Size(max = 500) String note) {
    }

    @Schema(description = "What is being paid; (type, id) identifies the transaction: a second checkout for the same "
            + "source adds an attempt to it.")
    record Source(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String type,
            @NotBlank @Size(max = 128) String id, @Size(max = 128) String uid) {
    }

    @Schema(description = "total: the transaction's total (fixed at the first checkout). amount: what this attempt "
            + "collects; optional, defaults to what remains (total - paid - amounts awaited by open attempts).")
    record Payment(@NotNull Provider provider, @NotNull PaymentMethod method, @NotNull BigDecimal total,
            @NotBlank String currency, BigDecimal amount) {
    }

    @Schema(description = "mode 'duration' with milliseconds (1000..86400000), or mode 'absolute' with expiresAt "
            + "(ISO-8601, in the future, at most 24 h ahead). Applies to QR attempts; cash attempts do not expire.")
    record Expiration(@NotBlank String mode, Long milliseconds, Instant expiresAt) {
    }

    record SystemIpnRequest(@NotNull @Valid AttemptRef attempt, @NotNull BigDecimal tendered,
            @Size(max = 500) String note) {
    }

    record AttemptRef(@NotNull UUID id) {
    }

    @Schema(description = "Exactly one of attemptId (cancel one open attempt) or transactionId (cancel every open "
            + "attempt and the transaction).")
    record CancelRequest(UUID attemptId, UUID transactionId, @Size(max = 500) String reason) {
    }

    record VerifyRequest(@NotNull UUID attemptId) {
    }

    record RefundRequest(@NotNull UUID attemptId, @NotNull BigDecimal amount, @Size(max = 500) String reason) {
    }
}
