package com.mpac.mobilepay.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.mobilepay.payment.PaymentResponses.RefundResponse;
import com.mpac.mobilepay.pos.PosService;

/**
 * What the gateway learns about its payments: the view of one payment, and events about it written to the outbox in
 * the transaction that changed it (so an event is sent if and only if the change committed). The POS system's own
 * payments raise no events.
 */
@Component
class GatewayEvents {

    static final String RESERVED = "payment.reserved";
    static final String CAPTURED = "payment.captured";
    static final String FAILED = "payment.failed";
    static final String EXPIRED = "payment.expired";
    static final String CANCELED = "payment.canceled";
    static final String REFUNDED = "payment.refunded";

    private final PaymentRepository payments;
    private final GatewayPaymentRepository gateway;
    private final GatewayEventDispatcher outbox;
    private final PosService pos;
    private final JsonMapper json;
    private final Clock clock;

    GatewayEvents(PaymentRepository payments, GatewayPaymentRepository gateway, GatewayEventDispatcher outbox,
            PosService pos, JsonMapper json,
            Clock clock) {
        this.payments = payments;
        this.gateway = gateway;
        this.outbox = outbox;
        this.pos = pos;
        this.json = json;
        this.clock = clock;
    }

    /** Records {@code type} about {@code paymentId} if the gateway made it; otherwise nothing. */
    void record(String paymentId, String type) {
        gateway.gatewayMark(paymentId).ifPresent(mark -> {
            Payment payment = payments.find(mark.merchantId(), paymentId, false).orElseThrow();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("timestamp", clock.instant().toString());
            event.put("data", view(payment, mark.reference(), mark.captureMethod()));
            outbox.record("msg_" + UUID.randomUUID().toString().replace("-", ""), mark.merchantId(), type,
                    json.writeValueAsString(event));
        });
    }

    boolean capturesAutomatically(String paymentId) {
        return gateway.gatewayMark(paymentId).map(mark -> "automatic".equals(mark.captureMethod())).orElse(false);
    }

    GatewayPaymentView view(Payment p, String reference, String captureMethod) {
        String status = switch (p.state()) {
            case Initiated, Prepared, Paired, IssuedToUser -> "pending";
            case Reserved -> "reserved";
            case Captured -> "captured";
            case CancelledByClient -> "canceled";
            case ExpiredAndCancelled -> "expired";
            case CancelledByUser, CancelledByMobilePay, RejectedByMobilePayDueToAgeRestrictions -> "failed";
        };
        return new GatewayPaymentView(reference, p.paymentId(), p.posId(), p.terminalId(), status, p.state().name(),
                minor(p.amount()), p.currencyCode(), minor(p.capturedAmount()), minor(p.refundedAmount()),
                captureMethod, pos.checkInQr(p.posId()), pos.qrCodeUrl(p.posId()), p.expiresAt());
    }

    static GatewayRefundView refundView(String reference, String refundReference, RefundResponse refund) {
        String status = switch (refund.status()) {
            case Initiated -> "pending";
            case Captured -> "succeeded";
            case Cancelled -> "failed";
        };
        return new GatewayRefundView(reference, refundReference, refund.refundId(), status, minor(refund.amount()));
    }

    /** An amount in the currency's scale as minor units (12.50 DKK is 1250). */
    static long minor(BigDecimal amount) {
        return amount == null ? 0 : amount.movePointRight(amount.scale()).longValueExact();
    }
}
