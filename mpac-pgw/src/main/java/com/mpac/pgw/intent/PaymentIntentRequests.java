package com.mpac.pgw.intent;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Request bodies of the PaymentIntent routes; unknown fields are refused by the platform's JSON settings. */
final class PaymentIntentRequests {

    /** Large enough for any real payment in any currency (about 1e11 minor units), small enough never to overflow. */
    static final long MAX_AMOUNT = 99_999_999_999L;

    private PaymentIntentRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Create(
            @NotNull @Positive @Max(MAX_AMOUNT) Long amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case") String currency,
            CaptureMethod captureMethod,
            @Size(max = 128) String merchantReference,
            @Size(max = 1000) String description,
            @Size(max = 50) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 500) String> metadata,
            @Size(max = 64) String storeId,
            @Size(max = 64) String terminalId,
            @Size(max = 32) String provider,
            @Size(max = 64) String paymentMethod) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Confirm(@Size(max = 32) String provider, @Size(max = 64) String paymentMethod) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Capture(@Positive @Max(MAX_AMOUNT) Long amountToCapture) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Refund(@Positive @Max(MAX_AMOUNT) Long amount,
            @Pattern(regexp = "duplicate|fraudulent|requested_by_customer") String reason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cancel(@Pattern(regexp = "duplicate|fraudulent|requested_by_customer|abandoned")
            String cancellationReason) {
    }
}
