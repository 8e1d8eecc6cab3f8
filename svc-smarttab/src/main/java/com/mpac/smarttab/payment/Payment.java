package com.mpac.smarttab.payment;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

record Payment(String id, long seq, String merchantId, String storeId, @Nullable String terminalId, String billId,
        String method, String provider, @Nullable String paymentMethod, PaymentStatus status, String currency,
        BigDecimal amount, BigDecimal tip, @Nullable BigDecimal tendered, @Nullable BigDecimal changeGiven,
        BigDecimal amountRefunded, BigDecimal refundPending, @Nullable String gatewayIntentId,
        @Nullable String gatewayStatus, @Nullable String qrData, @Nullable Instant qrExpiresAt,
        @Nullable String failureCode, @Nullable String failureMessage, @Nullable String settlementId,
        Instant createdAt, Instant updatedAt) {

    /** What the customer was charged: the bill's share plus the tip. */
    BigDecimal captured() {
        return amount.add(tip);
    }

    BigDecimal refundable() {
        return status == PaymentStatus.SUCCEEDED ? captured().subtract(amountRefunded).subtract(refundPending)
                : BigDecimal.ZERO.setScale(amount.scale());
    }
}

record Refund(String id, String paymentId, String currency, BigDecimal amount, @Nullable String reason,
        String status, @Nullable String gatewayRefundId, @Nullable String failureMessage,
        @Nullable String settlementId, String createdBy, Instant createdAt) {
}
