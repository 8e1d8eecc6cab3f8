package com.mpac.smarttab.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.smarttab.bill.BillLedger;
import com.mpac.smarttab.config.SmartTabProperties;
import com.mpac.smarttab.gateway.GatewayClient;
import com.mpac.smarttab.gateway.GatewayException;
import com.mpac.smarttab.gateway.GatewayIntent;
import com.mpac.smarttab.money.Money;

/**
 * Where the gateway's word becomes SmartTab's state, whichever way it arrives: the answer to a call, a signed
 * webhook, or the poll that looks up payments whose webhook is late. Each outcome is applied once, under the
 * payment's row lock; a payment that already left PENDING is not moved again, so late and repeated news is harmless.
 */
@Component
class GatewayOutcomes {

    private static final Logger log = LoggerFactory.getLogger(GatewayOutcomes.class);
    private static final int POLL_BATCH = 20;

    private final PaymentRepository payments;
    private final BillLedger ledger;
    private final GatewayClient gateway;
    private final TransactionTemplate transaction;
    private final SmartTabProperties properties;

    GatewayOutcomes(PaymentRepository payments, BillLedger ledger, GatewayClient gateway,
            TransactionTemplate transaction, SmartTabProperties properties) {
        this.payments = payments;
        this.ledger = ledger;
        this.gateway = gateway;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** Applies the intent's state to its payment (found by intent id, or by the payment id in its metadata). */
    void apply(GatewayIntent intent) {
        transaction.executeWithoutResult(status -> {
            Optional<Payment> found = payments.lockByIntent(intent.id());
            if (found.isEmpty()) {
                String paymentId = intent.metadata().get("smarttab_payment_id");
                found = paymentId == null ? Optional.empty()
                        : payments.lock(paymentId, PaymentService.all())
                                .filter(payment -> payment.merchantId().equals(intent.merchantId())
                                        || intent.merchantId() == null)
                                .filter(payment -> payment.gatewayIntentId() == null);
            }
            if (found.isEmpty()) {
                log.info("Gateway intent {} is not a SmartTab payment; ignored", intent.id());
                return;
            }
            Payment payment = found.get();
            Instant expires = intent.qrExpiresAt() == null ? null : Instant.ofEpochSecond(intent.qrExpiresAt());
            payments.recordIntent(payment.id(), intent.id(), intent.status(), intent.qrData(), expires);
            if (payment.status() != PaymentStatus.PENDING) {
                return;
            }
            if (intent.succeeded()) {
                long charged = Money.toMinor(payment.captured(), payment.currency());
                if (intent.amountReceived() != charged) {
                    log.error("Gateway intent {} received {} but payment {} charged {}", intent.id(),
                            intent.amountReceived(), payment.id(), charged);
                }
                payments.succeed(payment.id(), intent.status());
                ledger.paid(payment.billId(), payment.amount(), payment.tip());
            }
            else if (intent.failed()) {
                payments.fail(payment.id(), intent.status(),
                        intent.errorCode() != null ? intent.errorCode() : "payment_" + intent.status(),
                        intent.errorMessage());
                ledger.released(payment.billId(), payment.amount());
            }
        });
    }

    /** The gateway refused the payment, or never took it: the bill's reserved amount is due again. */
    void fail(String paymentId, String code, String message) {
        transaction.executeWithoutResult(status -> {
            Payment payment = payments.lock(paymentId, PaymentService.all()).orElseThrow();
            if (payment.status() == PaymentStatus.PENDING) {
                payments.fail(paymentId, null, code, message);
                ledger.released(payment.billId(), payment.amount());
            }
        });
    }

    /** Looks the payment's intent up and applies it; a gateway that does not answer changes nothing. */
    void refresh(Payment payment) {
        try {
            apply(gateway.get(payment.merchantId(), payment.gatewayIntentId()));
        }
        catch (GatewayException ex) {
            log.info("Looking up intent {} of payment {} failed: {}", payment.gatewayIntentId(), payment.id(),
                    ex.getMessage());
        }
    }

    /**
     * Sends a pending refund to the gateway under its own idempotency key (so sending it again is one refund) and
     * applies the answer; an unknown outcome leaves it pending for the next poll.
     */
    void sendRefund(Refund refund, Payment payment) {
        try {
            GatewayClient.GatewayRefund answer = gateway.refund(payment.merchantId(), payment.gatewayIntentId(),
                    "smarttab_" + refund.id(), Money.toMinor(refund.amount(), refund.currency()));
            switch (answer.status()) {
                case "succeeded" -> completeRefund(refund, true, answer.id(), null);
                case "failed", "canceled" -> completeRefund(refund, false, answer.id(), "the provider refused it");
                default -> log.info("Refund {} is {} at the gateway", refund.id(), answer.status());
            }
        }
        catch (GatewayException ex) {
            if (ex.refused()) {
                completeRefund(refund, false, null, ex.getMessage());
            }
            else {
                log.warn("Refund {} gave no answer from the gateway: {}", refund.id(), ex.getMessage());
            }
        }
    }

    void completeRefund(Refund refund, boolean succeeded, String gatewayRefundId, String failure) {
        transaction.executeWithoutResult(status -> {
            payments.lock(refund.paymentId(), PaymentService.all()).orElseThrow();
            if (payments.completeRefund(refund.id(), succeeded ? "SUCCEEDED" : "FAILED", gatewayRefundId, failure)) {
                payments.moveRefund(refund.paymentId(), refund.amount().negate(),
                        succeeded ? refund.amount() : BigDecimal.ZERO);
            }
        });
    }

    /** The webhook fallback: pending payments and refunds whose news is late are looked up. */
    @Scheduled(fixedDelayString = "${mpac.smarttab.gateway.poll-interval:5s}",
            initialDelayString = "${mpac.smarttab.gateway.poll-interval:5s}")
    void poll() {
        for (Payment payment : payments.claimStale(properties.gateway().pollAfter(), POLL_BATCH)) {
            refresh(payment);
        }
        for (Refund refund : payments.stalePendingRefunds(properties.gateway().pollAfter(), POLL_BATCH)) {
            payments.find(refund.paymentId(), PaymentService.all()).ifPresent(payment -> sendRefund(refund, payment));
        }
    }
}
