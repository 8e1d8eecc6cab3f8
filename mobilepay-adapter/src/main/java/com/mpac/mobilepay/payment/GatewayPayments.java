package com.mpac.mobilepay.payment;

import java.math.BigDecimal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;
import com.mpac.mobilepay.merchant.PosCaller;
import com.mpac.mobilepay.payment.GatewayPaymentRequests.CreateRequest;
import com.mpac.mobilepay.payment.GatewayPaymentRequests.RefundRequest;
import com.mpac.mobilepay.pos.Pos;
import com.mpac.mobilepay.pos.PosService;

/**
 * mpac-pgw's door to MobilePay's payments. A gateway payment is an ordinary direct payment on a PoS of the merchant
 * (orderId = the gateway's reference), so the POS API, the shopper's sandbox, expiry and refunds treat it like any
 * other; this class only translates. Creating is idempotent on the reference, refunding on the refund reference,
 * and a capture or cancel repeated after it happened answers the payment as it is.
 */
@Service
class GatewayPayments {

    private final PaymentService payments;
    private final PaymentRepository rows;
    private final GatewayPaymentRepository gateway;
    private final GatewayEvents events;
    private final PosService pos;

    GatewayPayments(PaymentService payments, PaymentRepository rows, GatewayPaymentRepository gateway,
            GatewayEvents events, PosService pos) {
        this.payments = payments;
        this.rows = rows;
        this.gateway = gateway;
        this.events = events;
        this.pos = pos;
    }

    @Transactional
    GatewayPaymentView create(String merchantId, CreateRequest request) {
        boolean enabled = gateway.merchantEnabled(merchantId).orElseThrow(() -> new PosException(
                PosErrorCode.MerchantNotFound, "No such merchant."));
        if (!enabled) {
            throw PosException.invalid("MobilePay is not enabled for the merchant, or the merchant is not active.");
        }
        BigDecimal amount = major(request.amount(), request.currency());
        var existing = gateway.findPaymentId(merchantId, request.reference());
        if (existing.isPresent()) {
            GatewayPaymentView view = view(merchantId, existing.get());
            if (view.amount() != request.amount() || !view.currency().equals(request.currency())) {
                throw new PosException(PosErrorCode.Conflict, "Payment " + request.reference() + " was created for "
                        + view.amount() + " " + view.currency() + "; a repeat must send the same amount.");
            }
            return view;
        }
        Pos at = pos.payablePos(pos.gatewayPos(merchantId, request.terminalId()));
        String paymentId = payments.startForGateway(at, request.reference(), amount, request.currency());
        gateway.markGateway(paymentId, request.reference(),
                request.captureMethod() == null ? "automatic" : request.captureMethod());
        return view(merchantId, paymentId);
    }

    @Transactional(readOnly = true)
    GatewayPaymentView find(String merchantId, String reference) {
        return view(merchantId, paymentId(merchantId, reference));
    }

    /**
     * Captures {@code amount} minor units (all when absent) of the reserved amount; the rest is released. A repeat
     * of a capture that happened (the same amount) answers the captured payment.
     */
    @Transactional
    GatewayPaymentView capture(String merchantId, String reference, Long amount) {
        String paymentId = paymentId(merchantId, reference);
        Payment payment = rows.find(merchantId, paymentId, true).orElseThrow();
        if (payment.state() == PaymentState.Captured && (amount == null
                || GatewayEvents.minor(payment.capturedAmount()) == amount)) {
            return view(merchantId, paymentId);
        }
        payments.capture(caller(merchantId), paymentId,
                amount == null ? null : major(amount, payment.currencyCode()));
        return view(merchantId, paymentId);
    }

    /** Cancels the payment (withdraws the request or releases the reservation); repeating answers the same. */
    @Transactional
    GatewayPaymentView cancel(String merchantId, String reference) {
        String paymentId = paymentId(merchantId, reference);
        Payment payment = rows.find(merchantId, paymentId, true).orElseThrow();
        if (payment.state().next().contains(PaymentState.CancelledByClient)) {
            payments.cancel(caller(merchantId), paymentId);
        }
        else if (payment.state() == PaymentState.Captured) {
            throw new PosException(PosErrorCode.InvalidPaymentState,
                    "The payment is Captured; it can only be refunded.");
        }
        return view(merchantId, paymentId);
    }

    /** Refunds at once (created and captured): at most what was captured minus earlier refunds. */
    @Transactional
    GatewayRefundView refund(String merchantId, String reference, RefundRequest request) {
        String paymentId = paymentId(merchantId, reference);
        Payment payment = rows.find(merchantId, paymentId, true).orElseThrow();
        var earlier = gateway.findRefund(merchantId, request.refundReference());
        if (earlier.isPresent()) {
            if (!earlier.get().paymentId().equals(paymentId)
                    || GatewayEvents.minor(Money.scaled(earlier.get().amount(), payment.currencyCode()))
                            != request.amount()) {
                throw new PosException(PosErrorCode.Conflict, "Refund " + request.refundReference()
                        + " was made for another payment or amount.");
            }
            return findRefund(merchantId, reference, request.refundReference());
        }
        PosCaller caller = caller(merchantId);
        var created = payments.createRefund(caller, paymentId, major(request.amount(), payment.currencyCode()),
                payment.currencyCode(), request.refundReference());
        gateway.setRefundReference(created.refundId(), request.refundReference());
        var captured = payments.moveRefund(caller, created.refundId(), RefundState.Captured);
        return GatewayEvents.refundView(reference, request.refundReference(), captured);
    }

    @Transactional(readOnly = true)
    GatewayRefundView findRefund(String merchantId, String reference, String refundReference) {
        String paymentId = paymentId(merchantId, reference);
        return gateway.findRefund(merchantId, refundReference)
                .filter(refund -> refund.paymentId().equals(paymentId))
                .flatMap(refund -> rows.findRefund(merchantId, refund.refundId()))
                .map(refund -> GatewayEvents.refundView(reference, refundReference, refund))
                .orElseThrow(() -> new PosException(PosErrorCode.RefundNotFound, "Refund " + refundReference
                        + " of payment " + reference + " not found."));
    }

    private GatewayPaymentView view(String merchantId, String paymentId) {
        Payment payment = rows.find(merchantId, paymentId, false).orElseThrow();
        var mark = gateway.gatewayMark(paymentId).orElseThrow();
        return events.view(payment, mark.reference(), mark.captureMethod());
    }

    private String paymentId(String merchantId, String reference) {
        return gateway.findPaymentId(merchantId, reference).orElseThrow(() -> new PosException(
                PosErrorCode.PaymentNotFound, "Payment " + reference + " not found."));
    }

    private static PosCaller caller(String merchantId) {
        return new PosCaller(merchantId, null);
    }

    private static BigDecimal major(long minor, String currencyCode) {
        int digits = Money.currency(currencyCode).getDefaultFractionDigits();
        return Money.amount(BigDecimal.valueOf(minor, digits), currencyCode);
    }
}
