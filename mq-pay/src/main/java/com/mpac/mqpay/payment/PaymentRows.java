package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The rows the payment core reads and locks. */
final class PaymentRows {

    private PaymentRows() {
    }

    record TransactionRow(UUID id, String merchantId, String number, String sourceType, String sourceId,
            String sourceUid, TransactionStatus status, BigDecimal total, BigDecimal paid, BigDecimal refunded,
            boolean deleted) {
    }

    record AttemptRow(UUID id, String merchantId, UUID transactionId, String code, AttemptType type, UUID parentId,
            Provider provider, PaymentMethod method, AttemptStatus status, BigDecimal amount, BigDecimal tendered,
            BigDecimal paid, BigDecimal change, Instant expiresAt, String qrCode, String providerReference,
            boolean deleted) {

        boolean isPastExpiry(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    record NewAttempt(UUID id, String merchantId, UUID transactionId, String code, AttemptType type, UUID parentId,
            Provider provider, PaymentMethod method, AttemptStatus status, BigDecimal amount, Instant expiresAt,
            String qrCode, String note) {
    }

    record NewResult(String merchantId, UUID transactionId, UUID attemptId, String provider, String kind,
            String outcome, String responseCode, String message, BigDecimal amount, String providerReference,
            String providerTransactionId, Instant paidAt, String payload, ReviewReason reviewReason) {
    }
}
