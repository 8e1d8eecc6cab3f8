package com.mpac.pgw.intent;

import java.time.Instant;

/** One interaction with a provider, as {@code GET .../transactions} shows it. */
record ProviderTransaction(String id, String paymentIntentId, String merchantId, TransactionKind kind,
        TransactionStatus status, String provider, String paymentMethod, String providerReference, long amount,
        String currency, String refundId, String errorCode, String errorMessage, int checks, Instant created,
        Instant completed) {

    enum TransactionKind {
        AUTHORIZATION, CAPTURE, REFUND, CANCEL
    }

    enum TransactionStatus {
        PENDING, SUCCEEDED, FAILED
    }
}
