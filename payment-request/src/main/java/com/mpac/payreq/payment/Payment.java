package com.mpac.payreq.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One payment on the hosted page, approved or declined, as recorded and as pushed to the merchant's WebSocket
 * clients (with the request's usage count and status after it). {@code pending} while the processor has not
 * answered (the use is reserved).
 */
record Payment(UUID transactionId, UUID paymentRequestId, boolean approved, String method, BigDecimal amount,
        BigDecimal taxAmount, BigDecimal tipAmount, BigDecimal totalAmount, String maskedPan, String cardBrand,
        String processorReference, String declineReason, Instant dateCreated, int currentUsageCount,
        int usageCountLimit, int status, boolean pending) {
}
