package com.mpac.mobilepay.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.mobilepay.config.MobilePayProperties;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;
import com.mpac.mobilepay.merchant.PosCaller;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentIdsResponse;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentResponse;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentStatusResponse;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentsResponse;
import com.mpac.mobilepay.payment.PaymentResponses.RefundIdsResponse;
import com.mpac.mobilepay.payment.PaymentResponses.RefundResponse;
import com.mpac.mobilepay.pos.Pos;
import com.mpac.mobilepay.pos.PosService;

/**
 * The payment flows of the document and the shopper's side of them. Every state change is a conditional update
 * guarded by {@link PaymentState}; "one active payment per PoS" is a unique index; refunds are checked against the
 * captured amount under the payment's row lock.
 */
@Service
public class PaymentService {

    private final PaymentRepository payments;
    private final PosService pos;
    private final MobilePayProperties properties;
    private final GatewayEvents gatewayEvents;

    PaymentService(PaymentRepository payments, PosService pos, MobilePayProperties properties,
            GatewayEvents gatewayEvents) {
        this.payments = payments;
        this.pos = pos;
        this.properties = properties;
        this.gatewayEvents = gatewayEvents;
    }

    /** A direct payment for mpac-pgw at {@code at}: its orderId is the gateway's reference. Answers its id. */
    String startForGateway(Pos at, String reference, BigDecimal amount, String currencyCode) {
        return create(at, reference, Payment.DIRECT, amount, currencyCode).paymentId();
    }

    // ---- POS system ----

    @Transactional
    PaymentResponse startByTerminal(PosCaller caller, String orderId, BigDecimal amount, String currencyCode,
            String terminalId) {
        BigDecimal scaled = validStart(orderId, amount, currencyCode);
        Pos at = pos.payablePos(pos.livePosOfTerminal(caller.merchantId(), terminalId, true));
        return create(at, orderId, Payment.DIRECT, scaled, currencyCode);
    }

    @Transactional
    PaymentResponse startByPos(PosCaller caller, String orderId, BigDecimal amount, String currencyCode,
            String posId) {
        BigDecimal scaled = validStart(orderId, amount, currencyCode);
        Pos at = pos.payablePos(pos.livePos(caller.merchantId(), posId, true));
        return create(at, orderId, Payment.DIRECT, scaled, currencyCode);
    }

    @Transactional
    PaymentResponse prepare(PosCaller caller, String orderId, String terminalId) {
        requireOrderId(orderId);
        Pos at = pos.payablePos(pos.livePosOfTerminal(caller.merchantId(), terminalId, true));
        return create(at, orderId, Payment.PREPARED, null, null);
    }

    @Transactional
    PaymentResponse ready(PosCaller caller, String paymentId, String orderId, BigDecimal amount,
            String currencyCode, String terminalId) {
        PosService.requireId("paymentId", paymentId);
        requireOrderId(orderId);
        PosService.requireId("terminalId", terminalId);
        BigDecimal scaled = Money.amount(amount, currencyCode);
        Payment payment = payments.find(caller.merchantId(), paymentId, true).orElseThrow(PaymentService::notFound);
        if (!payment.terminalId().equals(terminalId)) {
            throw PosException.invalid("terminalId is not the terminal of this payment.");
        }
        if (!payment.orderId().equals(orderId)) {
            throw PosException.invalid("orderId is not the orderId of this payment.");
        }
        if (!Payment.PREPARED.equals(payment.flow()) || payment.amount() != null) {
            throw new PosException(PosErrorCode.PaymentNotPrepared,
                    "Only a payment made with payment/prepare, and not yet readied, can be made ready.");
        }
        if (payment.state() != PaymentState.Prepared && payment.state() != PaymentState.Paired) {
            throw new PosException(PosErrorCode.InvalidPaymentState,
                    "The payment is " + payment.state() + "; it can no longer be made ready.");
        }
        payments.ready(paymentId, scaled, currencyCode, properties.paymentTimeout());
        return reread(caller, paymentId);
    }

    @Transactional(readOnly = true)
    PaymentStatusResponse status(PosCaller caller, String paymentId) {
        Payment p = payment(caller, paymentId);
        return new PaymentStatusResponse(p.paymentId(), p.orderId(), p.state(), p.amount(), p.currencyCode());
    }

    @Transactional(readOnly = true)
    PaymentResponse details(PosCaller caller, String paymentId) {
        return payment(caller, paymentId).response();
    }

    @Transactional(readOnly = true)
    PaymentsResponse list(PosCaller caller, String state, String orderId, String terminalId) {
        List<String> states;
        if (state == null || state.isBlank()) {
            states = PaymentState.names(PaymentState.ACTIVE);
        }
        else if (PaymentState.Captured.name().equals(state)) {
            states = List.of(state);
        }
        else {
            throw PosException.invalid("state may only be Captured (or absent, for the active payments).");
        }
        optionalId("orderId", orderId);
        optionalId("terminalId", terminalId);
        return new PaymentsResponse(payments.list(caller.merchantId(), states, blankToNull(orderId),
                blankToNull(terminalId), null).stream().map(Payment::response).toList());
    }

    @Transactional
    PaymentResponse capture(PosCaller caller, String paymentId, BigDecimal amount) {
        Payment payment = payment(caller, paymentId);
        if (payment.state() != PaymentState.Reserved) {
            throw new PosException(PosErrorCode.InvalidPaymentState,
                    "The payment is " + payment.state() + "; only a Reserved payment can be captured.");
        }
        BigDecimal scaled = amount == null ? payment.amount() : Money.amount(amount, payment.currencyCode());
        if (scaled.compareTo(payment.amount()) > 0) {
            throw new PosException(PosErrorCode.AmountExceedsReserved,
                    "amount exceeds the reserved " + payment.amount().toPlainString() + " " + payment.currencyCode()
                            + ".");
        }
        boolean captured = payments.transition(paymentId, PaymentState.Captured,
                ", captured_amount = :captured, captured_at = now()", " AND merchant_id = :m",
                Map.of("captured", scaled, "m", caller.merchantId()));
        if (!captured) {
            // Another request (a cancel, the shopper, MobilePay) changed the state first.
            throw new PosException(PosErrorCode.InvalidPaymentState,
                    "The payment is " + payment(caller, paymentId).state()
                            + "; only a Reserved payment can be captured.");
        }
        gatewayEvents.record(paymentId, GatewayEvents.CAPTURED);
        return reread(caller, paymentId);
    }

    @Transactional
    PaymentResponse cancel(PosCaller caller, String paymentId) {
        Payment payment = payment(caller, paymentId);
        boolean cancelled = payments.transition(paymentId, PaymentState.CancelledByClient,
                ", cancelled_at = now()", " AND merchant_id = :m", Map.of("m", caller.merchantId()));
        if (!cancelled) {
            PaymentState now = payment(caller, paymentId).state();
            throw new PosException(PosErrorCode.InvalidPaymentState, now == PaymentState.Captured
                    ? "The payment is Captured; it can only be refunded."
                    : "The payment is " + now + "; it cannot be cancelled any more.");
        }
        gatewayEvents.record(paymentId, GatewayEvents.CANCELED);
        return reread(caller, paymentId);
    }

    @Transactional(readOnly = true)
    PaymentIdsResponse retrieveByState(PosCaller caller, String orderId, String state) {
        requireOrderId(orderId);
        if (!PaymentState.Captured.name().equals(state)) {
            throw PosException.invalid("Retrieving a paymentId by state works only for the state Captured.");
        }
        return ids(orderId, payments.list(caller.merchantId(), List.of(state), orderId, null, null));
    }

    @Transactional(readOnly = true)
    PaymentIdsResponse retrieveByTerminal(PosCaller caller, String orderId, String terminalId, String paymentState) {
        requireOrderId(orderId);
        List<String> states = states(paymentState);
        Pos at = pos.livePosOfTerminal(caller.merchantId(), terminalId, false);
        return ids(orderId, payments.list(caller.merchantId(), states, orderId, null, at.posId()));
    }

    @Transactional(readOnly = true)
    PaymentIdsResponse retrieveByPos(PosCaller caller, String orderId, String posId, String paymentState) {
        requireOrderId(orderId);
        List<String> states = states(paymentState);
        PosService.requireId("posId", posId);
        return ids(orderId, payments.list(caller.merchantId(), states, orderId, null, posId));
    }

    // ---- refunds ----

    @Transactional
    RefundResponse createRefund(PosCaller caller, String paymentId, BigDecimal amount, String currencyCode,
            String refundOrderId) {
        PosService.requireId("paymentId", paymentId);
        PosService.requireId("refundOrderId", refundOrderId);
        BigDecimal scaled = Money.amount(amount, currencyCode);
        Payment payment = payments.find(caller.merchantId(), paymentId, true).orElseThrow(PaymentService::notFound);
        if (payment.state() != PaymentState.Captured) {
            throw new PosException(PosErrorCode.InvalidPaymentState,
                    "The payment is " + payment.state() + "; only a Captured payment can be refunded.");
        }
        if (!payment.currencyCode().equals(currencyCode)) {
            throw PosException.invalid("currencyCode must be the payment's currency, " + payment.currencyCode() + ".");
        }
        BigDecimal remaining = payment.capturedAmount().subtract(payments.refundsHeld(paymentId));
        if (scaled.compareTo(remaining) > 0) {
            throw new PosException(PosErrorCode.RefundExceedsRemaining, "amount exceeds what remains to refund: "
                    + Money.scaled(remaining, currencyCode).toPlainString() + " " + currencyCode + ".");
        }
        String refundId = Ids.next("ref");
        payments.insertRefund(refundId, payment, refundOrderId, scaled);
        return refund(caller, refundId);
    }

    @Transactional(readOnly = true)
    RefundResponse refund(PosCaller caller, String refundId) {
        PosService.requireId("refundId", refundId);
        return payments.findRefund(caller.merchantId(), refundId)
                .orElseThrow(() -> new PosException(PosErrorCode.RefundNotFound, "No such refund."));
    }

    @Transactional
    RefundResponse moveRefund(PosCaller caller, String refundId, RefundState target) {
        RefundResponse refund = refund(caller, refundId);
        if (!payments.moveRefund(caller.merchantId(), refundId, target)) {
            throw new PosException(PosErrorCode.InvalidRefundState, "The refund is "
                    + refund(caller, refundId).status() + "; only an Initiated refund can be captured or cancelled.");
        }
        if (target == RefundState.Captured) {
            gatewayEvents.record(refund.paymentId(), GatewayEvents.REFUNDED);
        }
        return refund(caller, refund.refundId());
    }

    @Transactional(readOnly = true)
    RefundIdsResponse refundIds(PosCaller caller, String paymentId) {
        Payment payment = payment(caller, paymentId);
        return new RefundIdsResponse(payment.paymentId(), payments.refundIds(paymentId));
    }

    // ---- the shopper's side (sandbox) and MobilePay's own decisions ----

    /** A shopper checked in: a waiting payment on the PoS is now paired with them. */
    public void pairOnCheckIn(String posId, String customerId) {
        payments.findActiveOnPos(posId).ifPresent(p -> payments.transition(p.paymentId(), PaymentState.Paired,
                ", customer_id = :c", " AND state IN ('Prepared', 'Initiated')", Map.of("c", customerId)));
    }

    /** The shopper's phone shows the active payment of the PoS; issue/approve/reject act on it. */
    public PaymentResponse shopperAction(String posId, PaymentState target) {
        Payment payment = payments.findActiveOnPos(posId)
                .orElseThrow(() -> new PosException(PosErrorCode.PaymentNotFound, "The PoS has no active payment."));
        String condition = target == PaymentState.IssuedToUser ? " AND amount IS NOT NULL" : "";
        String extra = switch (target) {
            case Reserved -> ", reserved_at = now()";
            case CancelledByUser, CancelledByMobilePay, RejectedByMobilePayDueToAgeRestrictions ->
                ", cancelled_at = now()";
            default -> "";
        };
        if (!payments.transition(payment.paymentId(), target, extra, condition, Map.of())) {
            throw new PosException(PosErrorCode.InvalidPaymentState, "The payment is " + payment.state()
                    + (payment.amount() == null ? " and has no amount yet" : "") + "; it cannot become " + target
                    + ".");
        }
        switch (target) {
            case Reserved -> {
                // A gateway payment with automatic capture is captured in full as soon as the shopper approves.
                if (gatewayEvents.capturesAutomatically(payment.paymentId())) {
                    payments.transition(payment.paymentId(), PaymentState.Captured,
                            ", captured_amount = amount, captured_at = now()", "", Map.of());
                    gatewayEvents.record(payment.paymentId(), GatewayEvents.CAPTURED);
                }
                else {
                    gatewayEvents.record(payment.paymentId(), GatewayEvents.RESERVED);
                }
            }
            case CancelledByUser, CancelledByMobilePay, RejectedByMobilePayDueToAgeRestrictions ->
                gatewayEvents.record(payment.paymentId(), GatewayEvents.FAILED);
            default -> {
            }
        }
        return payments.find(payment.merchantId(), payment.paymentId(), false).orElseThrow().response();
    }

    @Transactional
    public int expireDue(int batch) {
        List<String> expired = payments.expireDue(batch);
        for (String paymentId : expired) {
            gatewayEvents.record(paymentId, GatewayEvents.EXPIRED);
        }
        return expired.size();
    }

    // ---- helpers ----

    private PaymentResponse create(Pos at, String orderId, String flow, BigDecimal amount, String currencyCode) {
        if (payments.findActiveOnPos(at.posId()).isPresent()) {
            throw activeExists();
        }
        String customer = pos.checkedInCustomer(at.posId()).orElse(null);
        PaymentState state = customer != null ? PaymentState.Paired
                : Payment.PREPARED.equals(flow) ? PaymentState.Prepared : PaymentState.Initiated;
        String paymentId = Ids.next("pay");
        try {
            payments.insert(paymentId, at.merchantId(), at.posId(), at.terminalId(), at.storeId(), orderId, flow,
                    state, amount, currencyCode, customer, properties.paymentTimeout());
        }
        catch (DuplicateKeyException ex) {
            throw activeExists();
        }
        return payments.find(at.merchantId(), paymentId, false).orElseThrow().response();
    }

    private static PosException activeExists() {
        return new PosException(PosErrorCode.ActivePaymentExists,
                "The PoS already has an active payment; capture or cancel it first (api/pos/payments lists it).");
    }

    private Payment payment(PosCaller caller, String paymentId) {
        PosService.requireId("paymentId", paymentId);
        return payments.find(caller.merchantId(), paymentId, false).orElseThrow(PaymentService::notFound);
    }

    private PaymentResponse reread(PosCaller caller, String paymentId) {
        return payment(caller, paymentId).response();
    }

    private static PosException notFound() {
        return new PosException(PosErrorCode.PaymentNotFound, "No such payment.");
    }

    private static BigDecimal validStart(String orderId, BigDecimal amount, String currencyCode) {
        requireOrderId(orderId);
        return Money.amount(amount, currencyCode);
    }

    private static void requireOrderId(String orderId) {
        PosService.requireId("orderId", orderId);
    }

    private static void optionalId(String name, String value) {
        if (value != null && value.length() > 64) {
            throw PosException.invalid(name + " is longer than 64 characters.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> states(String paymentState) {
        if (paymentState == null || paymentState.isBlank()) {
            return java.util.Arrays.stream(PaymentState.values()).map(Enum::name).toList();
        }
        try {
            return List.of(PaymentState.valueOf(paymentState).name());
        }
        catch (IllegalArgumentException ex) {
            throw PosException.invalid("paymentState must be one of the eleven payment states.");
        }
    }

    private static PaymentIdsResponse ids(String orderId, List<Payment> found) {
        if (found.isEmpty()) {
            throw new PosException(PosErrorCode.PaymentNotFound, "No payment matches.");
        }
        return new PaymentIdsResponse(orderId, found.stream().map(Payment::paymentId).toList());
    }
}
