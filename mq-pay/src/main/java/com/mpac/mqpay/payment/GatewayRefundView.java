package com.mpac.mqpay.payment;

import java.util.UUID;

/** A refund the gateway asked for, by its own reference; MQ-Pay refunds at once, so it is {@code succeeded}. */
record GatewayRefundView(String reference, String refundReference, UUID refundId, String status, long amount) {
}
