package com.mpac.mobilepay.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the internal provider interface; amounts in minor units of the currency. */
final class GatewayPaymentRequests {

    static final String REFERENCE = "[A-Za-z0-9_.:-]{1,64}";

    private GatewayPaymentRequests() {
    }

    /**
     * {@code terminalId}: the portal terminal to pay at (its live PoS, created if it has none); absent, the merchant's
     * first active terminal. {@code captureMethod}: {@code automatic} (default; captured in full when the shopper
     * approves) or {@code manual} (reserved until {@code /capture}).
     */
    record CreateRequest(@NotBlank @Pattern(regexp = REFERENCE) String reference,
            @NotNull @Min(1) @Max(99_999_999_999L) Long amount, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @Pattern(regexp = "automatic|manual") String captureMethod, @Size(max = 64) String terminalId,
            @Size(max = 128) String paymentIntentId, @Size(max = 500) String description) {
    }

    /** {@code amount} absent: all that is reserved. */
    record CaptureRequest(@Min(1) @Max(99_999_999_999L) Long amount) {
    }

    record RefundRequest(@NotBlank @Pattern(regexp = REFERENCE) String refundReference,
            @NotNull @Min(1) @Max(99_999_999_999L) Long amount, @Size(max = 500) String reason) {
    }
}
