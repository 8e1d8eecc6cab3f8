package com.mpac.pgw.provider;

/**
 * What a provider said about one call, mapped by its connector. The core decides what it means for the intent.
 * {@link Pending} is the honest answer whenever the outcome is unknown (a timeout, a 5xx, a status the connector does
 * not know): the core keeps the transaction open and reconciliation asks again.
 */
public sealed interface ProviderOutcome {

    /** The money moved: a payment captured, a capture or refund done, an authorization released. */
    record Succeeded(String providerReference) implements ProviderOutcome {
    }

    /** Funds are held for a later capture. */
    record Authorized(String providerReference) implements ProviderOutcome {
    }

    /** The shopper has to act (scan, approve) before the provider decides. */
    record ActionRequired(String providerReference, NextAction nextAction) implements ProviderOutcome {
    }

    /** Definitely not done: declined, expired, canceled by the shopper, rejected as invalid. */
    record Failed(String code, String message) implements ProviderOutcome {
    }

    /** Unknown for now. */
    record Pending(String providerReference, String reason) implements ProviderOutcome {
    }

    /** Not attempted: the provider's circuit is open, so the call was never sent and nothing happened there. */
    record NotAttempted(String reason) implements ProviderOutcome {
    }
}
