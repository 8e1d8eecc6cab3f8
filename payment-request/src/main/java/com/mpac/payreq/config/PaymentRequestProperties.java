package com.mpac.payreq.config;

import java.time.Duration;
import java.util.Currency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The service's settings ({@code mpac.payreq.*}).
 *
 * @param publicUrl where shoppers open the hosted payment page and merchants connect their WebSocket; when empty,
 *        the address the API was called at
 * @param currency the currency of every payment request (the seed has no currency field); amounts keep its scale,
 *        at most 2 decimals (a currency with 3, such as BHD, is refused at start-up)
 * @param attempts how many declined payments the hosted page takes per request, and attempts per client address
 * @param sandboxEnabled the sandbox card processor and wallet; without it the page refuses to take payments
 */
@Validated
@ConfigurationProperties("mpac.payreq")
public record PaymentRequestProperties(String publicUrl, @NotNull Currency currency,
        @NotNull @Valid Attempts attempts, boolean sandboxEnabled) {

    public PaymentRequestProperties {
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        // Amounts are stored as numeric(14,2): a currency with more decimals (BHD, KWD) would lose them.
        if (currency != null && currency.getDefaultFractionDigits() > MAX_SCALE) {
            throw new IllegalArgumentException("mpac.payreq.currency " + currency.getCurrencyCode() + " has "
                    + currency.getDefaultFractionDigits() + " decimals; amounts are kept with at most " + MAX_SCALE
                    + ".");
        }
    }

    /** The decimals the amount columns hold. */
    public static final int MAX_SCALE = 2;

    /** The currency's number of decimals (USD 2, JPY 0). */
    public int scale() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public record Attempts(@Min(1) int perRequest, @Min(1) int perAddress, @NotNull Duration window) {
    }
}
