package com.mpac.mobilepay.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The adapter's settings.
 *
 * @param publicUrl where POS systems and shoppers fetch PoS QR code images from
 * @param paymentTimeout how long a payment may wait for the shopper before it is {@code ExpiredAndCancelled}
 * @param expirySweepInterval how often the expiry job looks for such payments
 * @param sandboxEnabled the shopper's side ({@code /api/pos/sandbox/**}); 404 when off
 */
@Validated
@ConfigurationProperties("mpac.mobilepay")
public record MobilePayProperties(@NotBlank String publicUrl, @NotNull Duration paymentTimeout,
        @NotNull Duration expirySweepInterval, boolean sandboxEnabled) {
}
