package com.mpac.smarttab.payment;

import java.math.BigDecimal;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.smarttab.bill.BillLedger;
import com.mpac.smarttab.config.SmartTabProperties;
import com.mpac.smarttab.gateway.GatewayClient;
import com.mpac.smarttab.gateway.GatewayException;
import com.mpac.smarttab.gateway.GatewayIntent;
import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.Caller;
import com.mpac.smarttab.tenant.TenantScope;

/**
 * Takes payments on bills. Cash is paid in one transaction. Card and QR reserve their amount on the bill and commit
 * before the gateway is called (no row lock is held across the network), then follow the gateway's outcome.
 */
@Service
class PaymentService {

    static final ProblemType REFUND_EXCEEDS = new ProblemType("refund_exceeds_captured", HttpStatus.CONFLICT,
            "The refund is more than the payment has left to refund");
    static final ProblemType REFUND_NEEDS_MANAGER = new ProblemType("refund_requires_manager",
            HttpStatus.FORBIDDEN, "A refund this large needs a store manager or merchant admin");
    static final ProblemType PAYMENT_NOT_REFUNDABLE = new ProblemType("payment_unexpected_state",
            HttpStatus.CONFLICT, "The payment is not in a state that allows this");
    static final ProblemType GATEWAY_UNAVAILABLE = new ProblemType("gateway_unavailable",
            HttpStatus.SERVICE_UNAVAILABLE, "The payment gateway could not be reached");

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final BillLedger ledger;
    private final GatewayClient gateway;
    private final GatewayOutcomes outcomes;
    private final TransactionTemplate transaction;
    private final SmartTabProperties properties;

    PaymentService(PaymentRepository payments, BillLedger ledger, GatewayClient gateway, GatewayOutcomes outcomes,
            TransactionTemplate transaction, SmartTabProperties properties) {
        this.payments = payments;
        this.ledger = ledger;
        this.gateway = gateway;
        this.outcomes = outcomes;
        this.transaction = transaction;
        this.properties = properties;
    }

    PaymentResponse create(Caller caller, PaymentRequests.Create request) {
        caller.merchantForWrite();
        return switch (request.method()) {
            case CASH -> cash(caller, request);
            case CARD, QR -> throughGateway(caller, request);
        };
    }

    private PaymentResponse cash(Caller caller, PaymentRequests.Create request) {
        if (request.provider() != null || request.paymentMethod() != null) {
            throw invalid("provider", "cash is paid without a provider or payment_method");
        }
        if (request.tendered() == null) {
            throw invalid("tendered", "required for cash");
        }
        String id = Ids.next("pay");
        transaction.executeWithoutResult(status -> {
            BillLedger.PayableBill bill = ledger.reserve(request.billId(), caller.visible(), request.amount());
            String currency = bill.currency();
            BigDecimal tip = tip(request.tip(), currency);
            BigDecimal tendered = Money.exact(request.tendered(), currency, "tendered");
            BigDecimal change = tendered.subtract(bill.amountDue()).subtract(tip);
            if (change.signum() < 0) {
                throw invalid("tendered", "less than amount + tip (" + bill.amountDue().add(tip).toPlainString() + ")");
            }
            payments.insert(id, bill.merchantId(), bill.pspId(), bill.storeId(), terminal(caller, bill), bill.id(),
                    "cash", "cash", null, PaymentStatus.SUCCEEDED, currency, bill.amountDue(), tip, tendered, change,
                    caller.actor());
            ledger.paid(bill.id(), bill.amountDue(), tip);
        });
        return get(caller.visible(), id, false);
    }

    private PaymentResponse throughGateway(Caller caller, PaymentRequests.Create request) {
        if (request.tendered() != null) {
            throw invalid("tendered", "only cash is tendered");
        }
        if (request.provider() == null || request.paymentMethod() == null) {
            throw invalid("payment_method", "card and QR payments name provider and payment_method, e.g. sandbox "
                    + "and pm_card_visa");
        }
        String id = Ids.next("pay");
        BillLedger.PayableBill bill = transaction.execute(status -> {
            BillLedger.PayableBill reserved = ledger.reserve(request.billId(), caller.visible(), request.amount());
            payments.insert(id, reserved.merchantId(), reserved.pspId(), reserved.storeId(),
                    terminal(caller, reserved), reserved.id(), request.method().value(), request.provider(),
                    request.paymentMethod(), PaymentStatus.PENDING, reserved.currency(), reserved.amountDue(),
                    tip(request.tip(), reserved.currency()), null, null, caller.actor());
            return reserved;
        });
        Payment payment = payments.find(id, all()).orElseThrow();
        GatewayIntent intent;
        try {
            intent = gateway.create(bill.merchantId(), "smarttab_" + id + "_create",
                    Money.toMinor(payment.captured(), payment.currency()), payment.currency(), payment.storeId(),
                    payment.terminalId(), id, bill.id());
        }
        catch (GatewayException ex) {
            // The intent was never confirmed, so no money can move on it: the payment failed and the bill is due.
            log.warn("Creating the gateway intent of payment {} failed: {}", id, ex.getMessage());
            outcomes.fail(id, ex.refused() ? "gateway_refused" : "gateway_unavailable", ex.getMessage());
            return get(caller.visible(), id, false);
        }
        if (!Boolean.TRUE.equals(transaction.execute(status -> payments.recordIntent(id, intent.id(),
                intent.status(), null, null)))) {
            // The payment was given up (canceled, or the poll found no intent) while the create ran: never confirm.
            try {
                gateway.cancel(bill.merchantId(), intent.id(), "smarttab_" + id + "_cancel", "abandoned");
            }
            catch (GatewayException ex) {
                log.warn("Canceling intent {} of abandoned payment {} failed: {}", intent.id(), id, ex.getMessage());
            }
            return get(caller.visible(), id, false);
        }
        try {
            GatewayIntent confirmed = gateway.confirm(bill.merchantId(), intent.id(), "smarttab_" + id + "_confirm",
                    request.provider(), request.paymentMethod());
            outcomes.apply(confirmed);
        }
        catch (GatewayException ex) {
            if (ex.refused()) {
                outcomes.fail(id, ex.code() != null ? ex.code() : "payment_declined", ex.getMessage());
            }
            else {
                // Unknown outcome: the webhook or the poll will tell.
                log.warn("Confirming payment {} at the gateway gave no answer: {}", id, ex.getMessage());
            }
        }
        return get(caller.visible(), id, false);
    }

    /**
     * Cancels a card or QR payment still PENDING: its intent is canceled at the gateway and the bill's reserved
     * amount is due again. 409 once it succeeded (refund it instead) or for cash; a FAILED payment is answered as is.
     */
    PaymentResponse cancel(Caller caller, String id) {
        caller.merchantForWrite();
        Payment payment = payments.find(id, caller.visible()).orElseThrow(() -> notFound(id));
        if (payment.method().equals("cash") || payment.status() == PaymentStatus.SUCCEEDED) {
            throw new ApiException(PAYMENT_NOT_REFUNDABLE, "Only a PENDING card or QR payment is canceled; this "
                    + payment.method() + " payment is " + payment.status() + ".",
                    Map.of("payment_status", payment.status().name()));
        }
        if (payment.status() == PaymentStatus.PENDING) {
            if (payment.gatewayIntentId() == null) {
                // The create has not answered yet; the request that runs it cancels the intent when it sees this.
                outcomes.failUnsent(id, "canceled", "Canceled by " + caller.actor() + ".");
            }
            else {
                try {
                    outcomes.cancelAtGateway(payment, "requested_by_customer");
                }
                catch (GatewayException ex) {
                    throw new ApiException(GATEWAY_UNAVAILABLE, "The gateway did not answer the cancel: "
                            + ex.getMessage());
                }
            }
        }
        Payment after = payments.find(id, caller.visible()).orElseThrow(() -> notFound(id));
        if (after.status() != PaymentStatus.FAILED) {
            throw new ApiException(PAYMENT_NOT_REFUNDABLE, "The payment is " + after.status() + " at the gateway ("
                    + after.gatewayStatus() + ") and cannot be canceled.", Map.of("payment_status", after.status().name()));
        }
        return PaymentResponse.of(after, payments.refunds(id));
    }

    /** A payment; one still pending at the gateway is looked up first, so a polling terminal sees the outcome. */
    PaymentResponse get(TenantScope scope, String id, boolean refresh) {
        Payment payment = payments.find(id, scope).orElseThrow(() -> notFound(id));
        if (refresh && payment.status() == PaymentStatus.PENDING && payment.gatewayIntentId() != null) {
            outcomes.refresh(payment);
            payment = payments.find(id, scope).orElseThrow(() -> notFound(id));
        }
        return PaymentResponse.of(payment, payments.refunds(id));
    }

    Page<PaymentResponse> list(Caller caller, String billId, String status, String method, String settlementId,
            long below, int limit) {
        Page<Payment> page = Page.of(payments.list(caller.visible(), billId, status, method, settlementId, below,
                limit), limit, Payment::seq);
        return new Page<>("list", page.data().stream()
                .map(payment -> PaymentResponse.of(payment, payments.refunds(payment.id()))).toList(),
                page.hasMore(), page.nextCursor());
    }

    /**
     * Refunds part or all of what is left, under the payment's row lock: never more than captured minus refunded
     * (refunds in progress count). Cash is refunded at once; card and QR through the gateway.
     */
    RefundResponse refund(Caller caller, String paymentId, PaymentRequests.Refund request) {
        caller.merchantForWrite();
        String refundId = Ids.next("re");
        Payment payment = transaction.execute(status -> {
            Payment locked = payments.lock(paymentId, caller.visible()).orElseThrow(() -> notFound(paymentId));
            if (locked.status() != PaymentStatus.SUCCEEDED) {
                throw new ApiException(PAYMENT_NOT_REFUNDABLE, "Only a SUCCEEDED payment is refunded; this one is "
                        + locked.status() + ".", Map.of("payment_status", locked.status().name()));
            }
            BigDecimal amount = request.amount() == null ? locked.refundable()
                    : Money.positive(request.amount(), locked.currency(), "amount");
            if (amount.signum() <= 0 || amount.compareTo(locked.refundable()) > 0) {
                throw new ApiException(REFUND_EXCEEDS, "The payment has " + locked.refundable().toPlainString() + " "
                        + locked.currency() + " left to refund.", Map.of("amount_refundable", locked.refundable()));
            }
            // The limit is per payment: a cashier cannot split a large refund into small ones.
            requireRefundRight(caller, locked.currency(), amount.add(locked.amountRefunded())
                    .add(locked.refundPending()));
            boolean cash = locked.method().equals("cash");
            payments.insertRefund(refundId, locked, amount, request.reason(), cash ? "SUCCEEDED" : "PENDING",
                    caller.actor());
            payments.moveRefund(locked.id(), cash ? BigDecimal.ZERO : amount, cash ? amount : BigDecimal.ZERO);
            return locked;
        });
        if (!payment.method().equals("cash")) {
            outcomes.sendRefund(payments.findRefund(refundId).orElseThrow(), payment);
        }
        return RefundResponse.of(payments.findRefund(refundId).orElseThrow());
    }

    /**
     * Terminals and cashiers refund a payment up to the currency's limit in all (what was refunded or is being
     * refunded counts); above it, a manager must.
     */
    private void requireRefundRight(Caller caller, String currency, BigDecimal amount) {
        if (caller.isManager()) {
            return;
        }
        BigDecimal limit = properties.refundLimits().get(currency);
        if (limit == null || amount.compareTo(limit) > 0) {
            throw new ApiException(REFUND_NEEDS_MANAGER, "Refunds above " + (limit == null ? "0" : limit.toPlainString())
                    + " " + currency + " need a store manager or merchant admin.");
        }
    }

    private static String terminal(Caller caller, BillLedger.PayableBill bill) {
        return caller.terminalId() != null ? caller.terminalId() : bill.terminalId();
    }

    private static BigDecimal tip(BigDecimal tip, String currency) {
        return tip == null ? Money.zero(currency) : Money.exact(tip, currency, "tip");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ProblemTypes.VALIDATION_FAILED, field + ": " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }

    static TenantScope all() {
        return new TenantScope(null, null, null, true);
    }

    static ApiException notFound(String id) {
        return new ApiException(ProblemTypes.NOT_FOUND, "No payment " + id + ".");
    }
}
