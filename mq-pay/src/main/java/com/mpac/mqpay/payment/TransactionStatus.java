package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A transaction's lifecycle. Open ({@code 100_NEW}, {@code 300_PARTIAL}) transactions take attempts; paying the
 * total settles; cancelling all attempts before any money is kept cancels; a payment that arrives where none was
 * expected (late or mismatched) blocks an open one for review; refunding all of a settled transaction closes it.
 */
public enum TransactionStatus {

    NEW("100_NEW"), PARTIAL("300_PARTIAL"), SETTLED("304_SETTLED"), CANCELLED("505_CANCELLED"),
    BLOCKED("403_BLOCKED"), CLOSED("404_CLOSED");

    private final String code;

    TransactionStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static TransactionStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown transaction status " + code));
    }

    /** Whether a new attempt (split tender) may be added. */
    public boolean isOpen() {
        return this == NEW || this == PARTIAL;
    }

    /** The status after money was applied: open transactions follow the paid amount, others keep theirs. */
    TransactionStatus afterPayment(BigDecimal paid, BigDecimal total) {
        if (!isOpen()) {
            return this;
        }
        if (paid.compareTo(total) >= 0) {
            return SETTLED;
        }
        return paid.signum() > 0 ? PARTIAL : NEW;
    }

    /**
     * The status after money arrived that no attempt awaited (late or of another amount): an open transaction is
     * blocked so it takes no more money until an operator looks; a settled, cancelled, closed or blocked one keeps
     * its status (blocking it would hide a completed sale), the flagged payment result is the operator's cue.
     */
    TransactionStatus afterUnexpectedPayment() {
        return isOpen() ? BLOCKED : this;
    }

    /** The status after a refund: a settled transaction refunded in full is closed for good. */
    TransactionStatus afterRefund(BigDecimal refunded, BigDecimal paid) {
        return this == SETTLED && refunded.compareTo(paid) >= 0 ? CLOSED : this;
    }
}
