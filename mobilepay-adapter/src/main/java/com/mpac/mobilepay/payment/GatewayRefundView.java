package com.mpac.mobilepay.payment;

/**
 * A refund the gateway asked for, by its own reference: {@code succeeded} once captured (the gateway's refunds are
 * captured at once), {@code pending} while Initiated, {@code failed} if cancelled.
 */
record GatewayRefundView(String reference, String refundReference, String refundId, String status, long amount) {
}
