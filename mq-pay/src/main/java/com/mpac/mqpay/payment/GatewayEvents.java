package com.mpac.mqpay.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.mqpay.payment.PaymentRows.AttemptRow;
import com.mpac.mqpay.payment.PaymentRows.TransactionRow;

/**
 * What the gateway learns about its payments: the view of one payment, and events about it written to the outbox in
 * the transaction that changed it (so an event is sent if and only if the change committed). Payments of other
 * sources (the merchant's own checkouts) raise no events.
 */
@Component
class GatewayEvents {

    static final String SUCCEEDED = "payment.succeeded";
    static final String FAILED = "payment.failed";
    static final String EXPIRED = "payment.expired";
    static final String CANCELED = "payment.canceled";
    static final String REFUNDED = "payment.refunded";

    private final PaymentRepository payments;
    private final GatewayPaymentRepository gateway;
    private final GatewayEventDispatcher outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final String publicUrl;

    GatewayEvents(PaymentRepository payments, GatewayPaymentRepository gateway, GatewayEventDispatcher outbox,
            JsonMapper json, Clock clock,
            @Value("${mpac.mqpay.public-url}") String publicUrl) {
        this.payments = payments;
        this.gateway = gateway;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** Records {@code type} about the payment {@code attemptId} (a payment, cancel or refund attempt) belongs to. */
    void record(UUID attemptId, String type) {
        recordAll(List.of(attemptId), type);
    }

    /** The same for each of {@code attemptIds} the gateway made; the others raise nothing. */
    void recordAll(List<UUID> attemptIds, String type) {
        for (UUID id : gateway.gatewayAttempts(attemptIds)) {
            AttemptRow attempt = payments.findAttemptById(id).orElseThrow();
            AttemptRow payment = attempt.parentId() == null ? attempt
                    : payments.findAttemptById(attempt.parentId()).orElseThrow();
            TransactionRow transaction = payments.findTransactionIncludingDeleted(attempt.transactionId())
                    .orElseThrow();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("timestamp", clock.instant().toString());
            event.put("data", view(transaction, payment));
            outbox.record("msg_" + UUID.randomUUID().toString().replace("-", ""), attempt.merchantId(), type,
                    json.writeValueAsString(event));
        }
    }

    GatewayPaymentView view(TransactionRow transaction, AttemptRow attempt) {
        Instant now = clock.instant();
        String status;
        if (transaction.status() == TransactionStatus.CANCELLED) {
            status = "canceled";
        }
        else if (transaction.status() == TransactionStatus.BLOCKED) {
            status = "review";
        }
        else {
            status = switch (attempt.status()) {
                case NEW, SENT -> attempt.isPastExpiry(now) ? "expired" : "pending";
                case SUCCESS -> "succeeded";
                case FAIL -> "failed";
                case EXPIRED -> "expired";
                case CANCELLED -> "canceled";
            };
        }
        String qrUrl = attempt.qrCode() == null ? null
                : publicUrl + PaymentService.QR_PATH + attempt.id() + ".png";
        return new GatewayPaymentView(transaction.sourceId(), attempt.id(), transaction.id(), status,
                attempt.amount().longValueExact(), "VND", payments.refundedAmount(attempt.id()).longValueExact(),
                attempt.qrCode(), qrUrl, attempt.expiresAt(), attempt.providerReference());
    }
}
