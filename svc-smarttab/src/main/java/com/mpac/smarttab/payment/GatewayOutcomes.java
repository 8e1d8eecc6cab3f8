package com.mpac.smarttab.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    private final Clock clock;

    GatewayOutcomes(PaymentRepository payments, BillLedger ledger, GatewayClient gateway,
            TransactionTemplate transaction, SmartTabProperties properties, Clock clock) {
        this.payments = payments;
        this.ledger = ledger;
        this.gateway = gateway;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Applies the intent's state to its payment (found by intent id, or by the payment id in its metadata). Only a
     * PENDING payment moves, and only on an outcome that matches what SmartTab charged: a success whose amount,
     * currency or merchant differ is flagged for review and not applied; a success for a payment already FAILED
     * (money was taken after SmartTab gave up) is flagged for review too, never dropped silently.
     */
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
            if (payment.status() != PaymentStatus.PENDING) {
                if (payment.status() == PaymentStatus.FAILED && intent.succeeded()) {
                    log.error("Gateway intent {} succeeded after payment {} was failed: flagged for review",
                            intent.id(), payment.id());
                    payments.flagForReview(payment.id(), "succeeded_after_failure", "The gateway captured "
                            + intent.amountReceived() + " " + intent.currency() + " on " + intent.id()
                            + " after SmartTab failed the payment; refund it or record it by hand.");
                }
                return;
            }
            Instant expires = intent.qrExpiresAt() == null ? null : Instant.ofEpochSecond(intent.qrExpiresAt());
            payments.recordIntent(payment.id(), intent.id(), intent.status(), intent.qrData(), expires);
            if (intent.succeeded()) {
                String mismatch = mismatch(payment, intent);
                if (mismatch != null) {
                    log.error("Gateway intent {} of payment {} not applied: {}", intent.id(), payment.id(), mismatch);
                    payments.flagForReview(payment.id(), "gateway_mismatch", mismatch);
                    return;
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

    private static String mismatch(Payment payment, GatewayIntent intent) {
        long charged = Money.toMinor(payment.captured(), payment.currency());
        if (!payment.currency().equalsIgnoreCase(intent.currency())) {
            return "currency: the gateway captured " + intent.currency() + ", SmartTab charged " + payment.currency();
        }
        if (intent.amountReceived() != charged) {
            return "amount: the gateway received " + intent.amountReceived() + ", SmartTab charged " + charged;
        }
        if (intent.merchantId() != null && !intent.merchantId().equals(payment.merchantId())) {
            return "merchant: the intent is " + intent.merchantId() + "'s, the payment " + payment.merchantId() + "'s";
        }
        return null;
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

    /** A PENDING payment whose intent was never recorded is failed: no confirm was ever sent, so nothing moved. */
    void failUnsent(String paymentId, String code, String message) {
        transaction.executeWithoutResult(status -> {
            Payment payment = payments.lock(paymentId, PaymentService.all()).orElseThrow();
            if (payment.status() == PaymentStatus.PENDING && payment.gatewayIntentId() == null) {
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
     * Cancels the payment's intent at the gateway and applies the answer (canceled: failed and released). A 409
     * means the intent moved on (paid, or being paid): it is looked up instead.
     *
     * @throws GatewayException when the gateway gave no answer
     */
    void cancelAtGateway(Payment payment, String reason) {
        try {
            apply(gateway.cancel(payment.merchantId(), payment.gatewayIntentId(),
                    "smarttab_" + payment.id() + "_cancel", reason));
        }
        catch (GatewayException ex) {
            if (ex.status() == 409) {
                refresh(payment);
                return;
            }
            throw ex;
        }
    }

    /**
     * The poll's work on one pending payment: no intent recorded after {@code unsent-after} is failed; an intent the
     * confirm never reached is confirmed again under the first Idempotency-Key after {@code confirm-resend-after}
     * (the gateway replays the first answer or completes it), and canceled at the gateway, failing the payment,
     * after {@code confirm-deadline}.
     */
    void recover(Payment payment) {
        if (payment.gatewayIntentId() == null) {
            log.warn("Payment {} has no gateway intent after {}: failed", payment.id(),
                    properties.gateway().unsentAfter());
            failUnsent(payment.id(), "gateway_no_answer", "The gateway's answer to creating the intent never "
                    + "arrived; nothing was charged.");
            return;
        }
        GatewayIntent intent;
        try {
            intent = gateway.get(payment.merchantId(), payment.gatewayIntentId());
        }
        catch (GatewayException ex) {
            log.info("Looking up intent {} of payment {} failed: {}", payment.gatewayIntentId(), payment.id(),
                    ex.getMessage());
            return;
        }
        apply(intent);
        if (!intent.unconfirmed()) {
            return;
        }
        Duration age = Duration.between(payment.createdAt(), clock.instant());
        try {
            if (age.compareTo(properties.gateway().confirmDeadline()) >= 0) {
                log.warn("Intent {} of payment {} still unconfirmed after {}: canceled", intent.id(), payment.id(),
                        age);
                cancelAtGateway(payment, "abandoned");
            }
            else if (age.compareTo(properties.gateway().confirmResendAfter()) >= 0) {
                apply(gateway.confirm(payment.merchantId(), intent.id(), "smarttab_" + payment.id() + "_confirm",
                        payment.provider(), payment.paymentMethod()));
            }
        }
        catch (GatewayException ex) {
            if (ex.refused()) {
                fail(payment.id(), ex.code() != null ? ex.code() : "payment_declined", ex.getMessage());
            }
            else {
                log.info("Recovering payment {} got no answer from the gateway: {}", payment.id(), ex.getMessage());
            }
        }
    }

    /**
     * Sends a pending refund to the gateway under its own idempotency key (so sending it again is one refund) and
     * applies the answer. Only a definite refusal fails it; a 409 (in flight), 429, 5xx or no answer leaves it
     * pending for the poll, which reads the gateway before sending anything again.
     */
    void sendRefund(Refund refund, Payment payment) {
        try {
            GatewayClient.GatewayRefund answer = gateway.refund(payment.merchantId(), payment.gatewayIntentId(),
                    "smarttab_" + refund.id(), Money.toMinor(refund.amount(), refund.currency()));
            settleRefund(refund, answer);
        }
        catch (GatewayException ex) {
            if (ex.refused()) {
                completeRefund(refund, false, null, ex.code() + ": " + ex.getMessage());
            }
            else {
                log.warn("Refund {} gave no answer from the gateway ({}): {}", refund.id(), ex.status(),
                        ex.getMessage());
            }
        }
    }

    /** Applies the gateway's refund to a pending SmartTab refund: final words complete it, others record its id. */
    void settleRefund(Refund refund, GatewayClient.GatewayRefund answer) {
        switch (answer.status()) {
            case "succeeded" -> completeRefund(refund, true, answer.id(), null);
            case "failed", "canceled" -> completeRefund(refund, false, answer.id(), "the provider refused it");
            default -> {
                log.info("Refund {} is {} at the gateway", refund.id(), answer.status());
                if (answer.id() != null && !answer.id().isEmpty()) {
                    transaction.executeWithoutResult(status -> payments.recordGatewayRefund(refund.id(), answer.id()));
                }
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

    /**
     * The poll's work on one pending refund (claimed under a lease): the gateway's refunds of the intent are read
     * first. The refund is the gateway refund with its recorded id, or else one of the intent's refunds of the same
     * amount that no other SmartTab refund of the payment claims (equal amounts are interchangeable). Only when the
     * gateway has no such refund is the refund sent again, under its own key.
     */
    void recoverRefund(Refund refund) {
        Payment payment = payments.find(refund.paymentId(), PaymentService.all()).orElseThrow();
        List<GatewayClient.GatewayRefund> atGateway;
        try {
            atGateway = gateway.refunds(payment.merchantId(), payment.gatewayIntentId());
        }
        catch (GatewayException ex) {
            log.info("Reading the refunds of intent {} failed: {}", payment.gatewayIntentId(), ex.getMessage());
            return;
        }
        long amount = Money.toMinor(refund.amount(), refund.currency());
        Optional<GatewayClient.GatewayRefund> match;
        if (refund.gatewayRefundId() != null) {
            match = atGateway.stream().filter(r -> r.id().equals(refund.gatewayRefundId())).findFirst();
        }
        else {
            Set<String> known = payments.refunds(payment.id()).stream().map(Refund::gatewayRefundId)
                    .filter(Objects::nonNull).collect(Collectors.toSet());
            match = atGateway.stream().filter(r -> !known.contains(r.id()) && r.amount() == amount).findFirst();
        }
        if (match.isPresent()) {
            settleRefund(refund, match.get());
        }
        else if (refund.gatewayRefundId() == null) {
            sendRefund(refund, payment);
        }
    }

    /** The webhook fallback: pending payments and refunds whose news is late are looked up. */
    @Scheduled(fixedDelayString = "${mpac.smarttab.gateway.poll-interval:5s}",
            initialDelayString = "${mpac.smarttab.gateway.poll-interval:5s}")
    void poll() {
        SmartTabProperties.Gateway settings = properties.gateway();
        for (Payment payment : payments.claimStale(settings.pollAfter(), settings.unsentAfter(), POLL_BATCH)) {
            recover(payment);
        }
        for (Refund refund : payments.claimPendingRefunds(settings.pollAfter(), settings.refundLease(),
                POLL_BATCH)) {
            recoverRefund(refund);
        }
    }
}
