package com.mpac.mqpay.payment;

/**
 * Why a payment result needs an operator: money a provider reported that mq-pay recorded but did not apply. The
 * shopper paid, so someone must reconcile or refund it with the provider.
 */
public enum ReviewReason {
    /** Paid after the attempt expired, failed or was cancelled. */
    LATE_PAYMENT,
    /** Paid another amount than the attempt's. */
    AMOUNT_MISMATCH,
    /** Paid for an attempt, or an attempt of a transaction, the merchant had deleted. */
    PAID_AFTER_DELETE
}
