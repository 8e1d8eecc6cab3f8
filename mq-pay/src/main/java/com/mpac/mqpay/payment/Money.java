package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.mpac.mqpay.error.MqPayException;

/**
 * VND amounts: whole đồng in logic (scale 0), positive, at most 12 digits (VNPAY's amount limit); on the wire as the
 * seed shows them, 4-decimal strings ({@code "100000.0000"}).
 */
public final class Money {

    public static final BigDecimal MAX = new BigDecimal("999999999999");

    private Money() {
    }

    /** A request amount checked and brought to scale 0; a fraction of a đồng, zero, negative or huge is refused. */
    public static BigDecimal vnd(BigDecimal amount, String field) {
        if (amount == null) {
            throw MqPayException.invalid(field + " is required.");
        }
        if (amount.signum() <= 0) {
            throw MqPayException.invalid(field + " must be positive.");
        }
        if (amount.compareTo(MAX) > 0) {
            throw MqPayException.invalid(field + " must be at most " + MAX.toPlainString() + " VND.");
        }
        BigDecimal whole = amount.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw MqPayException.invalid(field + " must be whole đồng: VND has no minor unit.");
        }
        return whole.setScale(0, RoundingMode.UNNECESSARY);
    }

    public static String wire(BigDecimal amount) {
        return amount == null ? null : amount.setScale(4, RoundingMode.UNNECESSARY).toPlainString();
    }
}
