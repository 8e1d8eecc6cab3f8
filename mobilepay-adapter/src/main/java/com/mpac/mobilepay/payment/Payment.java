package com.mpac.mobilepay.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A payment row, amounts already in the currency's scale. */
record Payment(String paymentId, String merchantId, String posId, String terminalId, String storeId, String orderId,
        String flow, PaymentState state, BigDecimal amount, String currencyCode, BigDecimal capturedAmount,
        BigDecimal refundedAmount, String customerId, OffsetDateTime expiresAt, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, OffsetDateTime reservedAt, OffsetDateTime capturedAt,
        OffsetDateTime cancelledAt) {

    static final String DIRECT = "DIRECT";
    static final String PREPARED = "PREPARED";

    PaymentResponses.PaymentResponse response() {
        return new PaymentResponses.PaymentResponse(paymentId, orderId, posId, terminalId, storeId, flow, state,
                amount, currencyCode, capturedAmount, refundedAmount, customerId, createdAt, updatedAt, expiresAt,
                reservedAt, capturedAt, cancelledAt);
    }
}
