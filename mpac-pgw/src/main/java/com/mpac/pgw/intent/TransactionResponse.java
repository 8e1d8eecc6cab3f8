package com.mpac.pgw.intent;

import java.time.Duration;
import java.util.Locale;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One provider interaction: what was asked, what came back, and how long it took to be known. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TransactionResponse(String id, String object, String paymentIntent, String kind, String status,
        String provider, String paymentMethod, String providerReference, long amount, String currency,
        String refund, TransactionError error, int inconclusiveAnswers, long created, Long completed,
        Long durationMs) {

    record TransactionError(String code, String message) {
    }

    static TransactionResponse of(ProviderTransaction t) {
        return new TransactionResponse(t.id(), "payment_transaction", t.paymentIntentId(),
                t.kind().name().toLowerCase(Locale.ROOT), t.status().name().toLowerCase(Locale.ROOT), t.provider(),
                t.paymentMethod(), t.providerReference(), t.amount(), t.currency(), t.refundId(),
                t.errorCode() == null ? null : new TransactionError(t.errorCode(), t.errorMessage()), t.checks(),
                t.created().getEpochSecond(), t.completed() == null ? null : t.completed().getEpochSecond(),
                t.completed() == null ? null : Duration.between(t.created(), t.completed()).toMillis());
    }
}
