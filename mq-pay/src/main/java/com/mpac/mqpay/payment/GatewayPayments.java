package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;
import com.mpac.mqpay.payment.GatewayPaymentRequests.CreateRequest;
import com.mpac.mqpay.payment.GatewayPaymentRequests.RefundRequest;
import com.mpac.mqpay.payment.PaymentRequests.CancelRequest;
import com.mpac.mqpay.payment.PaymentRequests.CheckoutRequest;
import com.mpac.mqpay.payment.PaymentRequests.Expiration;
import com.mpac.mqpay.payment.PaymentRows.AttemptRow;
import com.mpac.mqpay.payment.PaymentRows.TransactionRow;

/**
 * mpac-pgw's door to MQ-Pay's payments. A gateway payment is an ordinary transaction whose source is
 * ({@code mpac-pgw}, the gateway's reference) with one VNPAY QR attempt, so MQ-Pay's own API, IPN settlement, expiry
 * and refunds apply to it unchanged; this class only translates. Creating is idempotent on the reference (a repeat
 * answers the same payment), refunding on the refund reference.
 */
@Service
class GatewayPayments {

    static final String SOURCE_TYPE = "mpac-pgw";

    private final PaymentService payments;
    private final PaymentRepository rows;
    private final GatewayPaymentRepository gateway;
    private final GatewayEvents events;

    GatewayPayments(PaymentService payments, PaymentRepository rows, GatewayPaymentRepository gateway,
            GatewayEvents events) {
        this.payments = payments;
        this.rows = rows;
        this.gateway = gateway;
        this.events = events;
    }

    @Transactional
    GatewayPaymentView create(String merchantId, CreateRequest request) {
        if (!"VND".equals(request.currency())) {
            throw MqPayException.invalid("currency must be VND: MQ-Pay takes Vietnamese đồng only.");
        }
        BigDecimal amount = Money.vnd(BigDecimal.valueOf(request.amount()), "amount");
        var existing = gateway.findTransactionId(merchantId, request.reference());
        if (existing.isPresent()) {
            GatewayPaymentView view = view(merchantId, existing.get());
            if (view.amount() != request.amount()) {
                throw new MqPayException(ErrorCode.TOTAL_MISMATCH, "Payment " + request.reference()
                        + " was created for " + view.amount() + " VND; a repeat must send the same amount.");
            }
            return view;
        }
        Expiration expiration = request.expiresInSeconds() == null ? null
                : new Expiration("duration", request.expiresInSeconds() * 1000L, null);
        payments.checkout(merchantId, new CheckoutRequest(
                new PaymentRequests.Source(SOURCE_TYPE, request.reference(), request.paymentIntentId()),
                new PaymentRequests.Payment(Provider.VNPAY_QR_MMS, PaymentMethod.QR_CODE, amount, "VND", null),
                expiration, request.description()));
        return view(merchantId, gateway.findTransactionId(merchantId, request.reference()).orElseThrow());
    }

    @Transactional(readOnly = true)
    GatewayPaymentView find(String merchantId, String reference) {
        return view(merchantId, transactionId(merchantId, reference));
    }

    /** Withdraws the QR: the transaction and its open attempt are cancelled. Repeating it answers the same. */
    @Transactional
    GatewayPaymentView cancel(String merchantId, String reference) {
        UUID transactionId = transactionId(merchantId, reference);
        TransactionRow transaction = rows.lockTransaction(merchantId, transactionId).orElseThrow();
        if (transaction.status() != TransactionStatus.CANCELLED) {
            payments.cancel(merchantId, new CancelRequest(null, transactionId, "Canceled by mpac-pgw"));
        }
        return view(merchantId, transactionId);
    }

    @Transactional
    GatewayRefundView refund(String merchantId, String reference, RefundRequest request) {
        UUID transactionId = transactionId(merchantId, reference);
        rows.lockTransaction(merchantId, transactionId).orElseThrow();
        UUID paymentId = paymentAttempt(transactionId);
        var earlier = gateway.findRefund(merchantId, request.refundReference());
        if (earlier.isPresent()) {
            if (!earlier.get().parentId().equals(paymentId)
                    || earlier.get().amount().longValueExact() != request.amount()) {
                throw new MqPayException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Refund " + request.refundReference()
                        + " was made for another payment or amount.");
            }
            return new GatewayRefundView(reference, request.refundReference(), earlier.get().id(), "succeeded",
                    request.amount());
        }
        BigDecimal amount = Money.vnd(BigDecimal.valueOf(request.amount()), "amount");
        UUID refundId = payments.refund(merchantId, new PaymentRequests.RefundRequest(paymentId, amount,
                request.reason() == null ? "Refund " + request.refundReference() : request.reason()))
                .refundAttempt().id();
        gateway.setExternalReference(refundId, request.refundReference());
        return new GatewayRefundView(reference, request.refundReference(), refundId, "succeeded", request.amount());
    }

    @Transactional(readOnly = true)
    GatewayRefundView findRefund(String merchantId, String reference, String refundReference) {
        UUID paymentId = paymentAttempt(transactionId(merchantId, reference));
        return gateway.findRefund(merchantId, refundReference)
                .filter(refund -> refund.parentId().equals(paymentId))
                .map(refund -> new GatewayRefundView(reference, refundReference, refund.id(), "succeeded",
                        refund.amount().longValueExact()))
                .orElseThrow(() -> new MqPayException(ErrorCode.PAYMENT_ATTEMPT_NOT_FOUND, "Refund "
                        + refundReference + " of payment " + reference + " not found."));
    }

    private GatewayPaymentView view(String merchantId, UUID transactionId) {
        TransactionRow transaction = rows.findTransactionIncludingDeleted(transactionId).orElseThrow();
        AttemptRow attempt = rows.findAttempt(merchantId, paymentAttempt(transactionId)).orElseThrow();
        return events.view(transaction, attempt);
    }

    private UUID paymentAttempt(UUID transactionId) {
        return gateway.latestPaymentAttempt(transactionId).orElseThrow();
    }

    private UUID transactionId(String merchantId, String reference) {
        return gateway.findTransactionId(merchantId, reference).orElseThrow(() -> new MqPayException(
                ErrorCode.TRANSACTION_NOT_FOUND, "Payment " + reference + " not found."));
    }
}
