package com.mpac.pgw.provider;

import java.util.Set;

import com.mpac.pgw.merchant.ProviderAccount;

/**
 * One provider's protocol. A connector holds no state: it maps the gateway's calls to the provider's requests, and
 * the provider's answers and statuses to {@link ProviderOutcome}s (anything it does not recognise is
 * {@link ProviderOutcome.Pending}). It may throw on transport failures; {@link ProviderCalls} turns those into
 * outcomes and wraps every call in the provider's circuit breaker.
 */
public interface PaymentConnector {

    PaymentProvider provider();

    /** The payment methods this provider offers, e.g. {@code paypay_qr}. */
    Set<String> paymentMethods();

    /** Starts a payment: charges, authorizes, or asks the shopper to act. */
    ProviderOutcome authorize(ProviderPayment payment, ProviderAccount account);

    /** The current state of an authorization started with {@link #authorize}; safe to repeat. */
    ProviderOutcome queryAuthorization(ProviderPayment payment, ProviderAccount account);

    /** Captures {@code amount} of a held authorization; the rest is released. */
    ProviderOutcome capture(ProviderPayment payment, long amount, String captureReference, ProviderAccount account);

    /** Releases a held authorization, or withdraws a payment request the shopper has not completed. */
    ProviderOutcome cancel(ProviderPayment payment, ProviderAccount account);

    /** Refunds part or all of a captured payment; {@code refundReference} makes the provider call idempotent. */
    ProviderOutcome refund(ProviderPayment payment, long amount, String refundReference, ProviderAccount account);

    /** The current state of a refund started with {@link #refund}; safe to repeat. */
    ProviderOutcome queryRefund(ProviderPayment payment, String refundReference, ProviderAccount account);
}
