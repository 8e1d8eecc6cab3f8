package com.mpac.pgw.intent;

import java.time.Instant;
import java.util.Map;

import com.mpac.contracts.problem.ApiException;
import com.mpac.pgw.provider.NextAction;

/**
 * A PaymentIntent as loaded under its row lock. Every status change goes through {@link #moveTo}, which enforces
 * {@link PaymentIntentStatus}'s transitions; the amounts' invariants are also CHECK constraints in the database.
 */
final class PaymentIntent {

    final String id;
    final String merchantId;
    final String storeId;
    final String terminalId;
    final long amount;
    final String currency;
    final CaptureMethod captureMethod;
    final String merchantReference;
    final String description;
    final Map<String, String> metadata;
    final String clientSecret;
    final Instant created;
    PaymentIntentStatus status;
    long amountCapturable;
    long amountReceived;
    long amountRefunded;
    String provider;
    String paymentMethod;
    PaymentError lastPaymentError;
    NextAction nextAction;
    String cancellationReason;
    Instant captureBefore;
    Instant canceledAt;
    Instant updated;

    PaymentIntent(String id, String merchantId, String storeId, String terminalId, long amount, String currency,
            CaptureMethod captureMethod, String merchantReference, String description, Map<String, String> metadata,
            String clientSecret, Instant created, PaymentIntentStatus status) {
        this.id = id;
        this.merchantId = merchantId;
        this.storeId = storeId;
        this.terminalId = terminalId;
        this.amount = amount;
        this.currency = currency;
        this.captureMethod = captureMethod;
        this.merchantReference = merchantReference;
        this.description = description;
        this.metadata = Map.copyOf(metadata);
        this.clientSecret = clientSecret;
        this.created = created;
        this.status = status;
        this.updated = created;
    }

    /** Moves to {@code target} or answers 409 with the current status; the same status is a no-op. */
    void moveTo(PaymentIntentStatus target) {
        if (status == target) {
            return;
        }
        if (!status.canMoveTo(target)) {
            throw unexpectedState("cannot become " + target.value());
        }
        status = target;
    }

    void requireStatus(String action, PaymentIntentStatus... allowed) {
        for (PaymentIntentStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw unexpectedState("cannot be " + action);
    }

    boolean manualCapture() {
        return captureMethod == CaptureMethod.MANUAL;
    }

    ApiException unexpectedState(String what) {
        return new ApiException(PaymentProblems.UNEXPECTED_STATE,
                "This PaymentIntent is " + status.value() + " and " + what + ".", Map.of("payment_intent_status", status.value()));
    }
}
