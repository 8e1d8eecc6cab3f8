package com.mpac.pgw.intent;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * PaymentIntent policy ({@code mpac.pgw.*}).
 *
 * @param captureHold how long an authorized, uncaptured intent is held before it is canceled and the hold released
 * @param actionCheckDelay how long after asking the shopper to act (scan a QR) the provider is first asked, in case
 *        its webhook never comes
 * @param reconciliation how pending provider transactions are re-queried
 */
@Validated
@ConfigurationProperties("mpac.pgw")
record PaymentGatewayProperties(
        @NotNull @DefaultValue("7d") Duration captureHold,
        @NotNull @DefaultValue("60s") Duration actionCheckDelay,
        @NotNull @Valid @DefaultValue Reconciliation reconciliation) {

    /**
     * @param firstDelay first re-query after an unknown outcome, doubled per check up to {@code maxDelay}
     * @param maxDelay the longest wait between two checks
     * @param giveUpAfter an authorization still unknown this long is failed (the provider has long expired it)
     * @param pollInterval how often due transactions are looked for
     * @param batchSize transactions claimed per pass
     * @param lease how long a claimed transaction is left to its instance
     */
    record Reconciliation(
            @NotNull @DefaultValue("10s") Duration firstDelay,
            @NotNull @DefaultValue("30m") Duration maxDelay,
            @NotNull @DefaultValue("24h") Duration giveUpAfter,
            @NotNull @DefaultValue("5s") Duration pollInterval,
            @Min(1) @Max(500) @DefaultValue("50") int batchSize,
            @NotNull @DefaultValue("60s") Duration lease) {
    }
}
