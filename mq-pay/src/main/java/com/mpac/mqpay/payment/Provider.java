package com.mpac.mqpay.payment;

import java.util.Set;

/**
 * Who takes the money. {@code VNPAY_QR_MMS}: a VNPAY-QR code the shopper scans ({@code 100_QR_CODE}), confirmed by
 * VNPAY's IPN. {@code SYSTEM}: money the merchant takes itself ({@code 200_CASH}), confirmed through
 * {@code /payments/system/ipn}; needs no provider account.
 */
public enum Provider {

    VNPAY_QR_MMS("VNPAY", Set.of(PaymentMethod.QR_CODE)),
    SYSTEM(null, Set.of(PaymentMethod.CASH));

    private final String account;
    private final Set<PaymentMethod> methods;

    Provider(String account, Set<PaymentMethod> methods) {
        this.account = account;
        this.methods = methods;
    }

    /** The provider account (svc-portal's provider name) the merchant must have enabled; null when none is needed. */
    public String account() {
        return account;
    }

    public boolean supports(PaymentMethod method) {
        return methods.contains(method);
    }
}
