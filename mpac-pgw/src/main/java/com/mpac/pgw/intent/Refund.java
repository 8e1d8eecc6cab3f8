package com.mpac.pgw.intent;

import java.time.Instant;

/** A refund of part or all of an intent's received amount. */
record Refund(String id, String paymentIntentId, String merchantId, long amount, String currency, String status,
        String reason, String failureReason, Instant created) {
}
