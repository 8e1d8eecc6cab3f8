package com.mpac.smarttab.payment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class PaymentRequests {

    private PaymentRequests() {
    }

    enum Method {
        @JsonProperty("cash") CASH,
        @JsonProperty("card") CARD,
        @JsonProperty("qr") QR;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param amount the part of the bill paid (default: all that is due)
     * @param tip recorded apart from the bill; charged with the payment
     * @param tendered cash handed over (cash only); the change is tendered - amount - tip
     * @param provider and paymentMethod the gateway's (card and QR only), e.g. {@code sandbox} / {@code pm_card_visa}
     */
    record Create(@NotBlank @Size(max = 64) String billId, @NotNull Method method, BigDecimal amount, BigDecimal tip,
            BigDecimal tendered, @Size(max = 32) @Pattern(regexp = "[a-z0-9_]+") String provider,
            @Size(max = 64) @Pattern(regexp = "[a-z0-9_]+") String paymentMethod) {
    }

    record Refund(BigDecimal amount, @Size(max = 500) String reason) {
    }
}
