package com.mpac.mqpay.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the internal provider interface; amounts in minor units (VND: whole đồng). */
final class GatewayPaymentRequests {

    static final String REFERENCE = "[A-Za-z0-9_.:-]{1,64}";

    private GatewayPaymentRequests() {
    }

    record CreateRequest(@NotBlank @Pattern(regexp = REFERENCE) String reference,
            @NotNull @Min(1) @Max(999_999_999_999L) Long amount, @NotBlank String currency,
            @Size(max = 128) String paymentIntentId, @Size(max = 500) String description,
            @Min(1) @Max(86_400) Integer expiresInSeconds) {
    }

    record RefundRequest(@NotBlank @Pattern(regexp = REFERENCE) String refundReference,
            @NotNull @Min(1) @Max(999_999_999_999L) Long amount, @Size(max = 500) String reason) {
    }
}
