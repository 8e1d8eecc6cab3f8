package com.mpac.mqpay.payment;

import java.util.Optional;

/**
 * Asks a provider what it knows of a payment (VNPAY's check-transaction query). The sandbox provides one when it is
 * enabled; no real VNPAY is reachable from this platform.
 */
public interface ProviderStatusSource {

    /** The provider's view of the payment with this reference (VNPAY's txnId); empty when it knows none. */
    Optional<ProviderStatus> query(String merchantId, String reference);
}
