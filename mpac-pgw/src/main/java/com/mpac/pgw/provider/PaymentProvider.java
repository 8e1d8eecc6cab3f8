package com.mpac.pgw.provider;

import java.util.Locale;
import java.util.Optional;

/**
 * The rails the gateway pays on. {@code SANDBOX} is the gateway's own test provider; the others are merchant
 * accounts pushed by svc-portal under the same name.
 */
public enum PaymentProvider {
    SANDBOX, PAYPAY, LINEPAY,
    /** VNPAY QR through mq-pay, the platform's own adapter (its internal provider interface). */
    VNPAY,
    /** MobilePay through mobilepay-adapter, the platform's own adapter (its internal provider interface). */
    MOBILEPAY;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PaymentProvider> of(String value) {
        for (PaymentProvider provider : values()) {
            if (provider.value().equals(value)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
