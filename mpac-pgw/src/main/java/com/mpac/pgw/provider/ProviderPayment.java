package com.mpac.pgw.provider;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One provider call's subject. {@code reference} is the gateway's transaction id, which connectors send as the
 * provider's merchant-side id (PayPay's {@code merchantPaymentId}, LINE Pay's {@code orderId}) so a retry or a query
 * finds the same payment; {@code providerReference} is the provider's id of the authorization, once known.
 * {@code merchantId} is the gateway's merchant, which a platform adapter is told in On-Behalf-Of; {@code terminalId}
 * the intent's terminal (null when none), where an adapter paying at a point of sale starts the payment.
 */
public record ProviderPayment(String reference, String paymentIntentId, String paymentMethod, long amount,
        String currency, boolean manualCapture, String description, String providerReference, String merchantId,
        String terminalId) {

    /** The amount in major units with the currency's exponent, e.g. 1500 JPY stays 1500, 1999 USD cents is 19.99. */
    public BigDecimal majorAmount() {
        return majorAmount(amount);
    }

    public BigDecimal majorAmount(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, Currency.getInstance(currency).getDefaultFractionDigits());
    }
}
