package com.mpac.payreq.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.payreq.config.PaymentRequestProperties;
import com.mpac.payreq.payment.PaymentRepository.PayableRequest;

/**
 * Takes a payment on the hosted page: reserves a use of the request under its row lock, has the processor charge
 * the card or wallet outside any transaction, then records the result and releases the use of a declined payment.
 * With the settling commit the payment goes to the request's WebSocket clients on every instance
 * ({@link PaymentNotifications}).
 */
@Service
class PaymentService {

    /** The largest total {@code payment_transaction.total_amount} (numeric(14,2)) holds. */
    static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999.99");

    private final PaymentRepository repository;
    private final SandboxProcessor processor;
    private final PaymentUpdates updates;
    private final PaymentRequestProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    PaymentService(PaymentRepository repository, SandboxProcessor processor, PaymentUpdates updates,
            PaymentRequestProperties properties, TransactionTemplate transactions) {
        this.repository = repository;
        this.transactions = transactions;
        this.processor = processor;
        this.updates = updates;
        this.properties = properties;
    }

    /** The request as the page shows it, or the page's refusal when it cannot be paid now. */
    @Transactional(readOnly = true)
    PayableRequest payable(UUID id) {
        PayableRequest request = repository.find(id).orElseThrow(PageException::notFound);
        refuseUnlessPayable(request);
        return request;
    }

    /**
     * Three steps, so the processor is never called while a database transaction or the row lock is held: reserve
     * (under the row lock, commit: the use counted and a PENDING transaction recorded, so concurrent payers see the
     * limit), charge (no transaction), settle (commit: the result recorded, a declined payment's use released). If
     * settling fails after a charge, the payment stays PENDING with its use reserved: recorded, never lost.
     */
    Payment pay(UUID id, PaymentMethod method, BigDecimal tip, BigDecimal expectedTotal, String formNonce) {
        Reservation reservation = transactions.execute(tx -> reserve(id, method, tip, expectedTotal, formNonce));
        if (reservation.existing() != null) {
            return reservation.existing();
        }
        Payment pending = reservation.pending();
        SandboxProcessor.Outcome outcome;
        try {
            outcome = switch (method) {
                case PaymentMethod.Card card -> processor.charge(card.number(), pending.totalAmount());
                case PaymentMethod.Wallet wallet -> processor.chargeWallet(wallet.token(), pending.totalAmount());
            };
        }
        catch (RuntimeException ex) {
            // Whether the processor charged is unknown: the transaction stays PENDING with its use reserved.
            throw new PageException(HttpStatus.BAD_GATEWAY, "The payment could not be confirmed. Please contact "
                    + "the merchant before trying again.");
        }
        return transactions.execute(tx -> settle(pending, outcome));
    }

    private Reservation reserve(UUID id, PaymentMethod method, BigDecimal tip, BigDecimal expectedTotal,
            String formNonce) {
        PayableRequest request = repository.lock(id).orElseThrow(PageException::notFound);
        if (formNonce != null) {
            // The same form submitted again: under the row lock the first submission has recorded its payment.
            var first = repository.transactionByNonce(id, formNonce);
            if (first.isPresent()) {
                return new Reservation(first.get(), null);
            }
        }
        refuseUnlessPayable(request);
        if (expectedTotal != null && expectedTotal.compareTo(request.baseTotal()) != 0) {
            // The merchant changed the request after the shopper's page was rendered: never charge unseen amounts.
            throw new TotalChanged();
        }
        if (!properties.sandboxEnabled()) {
            throw new PageException(HttpStatus.SERVICE_UNAVAILABLE, "Card payments are not available right now.");
        }
        if (!request.promptForTips() && tip.signum() != 0) {
            throw new PageException(HttpStatus.BAD_REQUEST, "This payment does not take a tip.");
        }
        BigDecimal total = request.baseTotal().add(tip);
        if (total.compareTo(MAX_TOTAL) > 0) {
            // Refused before the processor: a total the ledger cannot record must never be charged.
            throw new PageException(HttpStatus.UNPROCESSABLE_ENTITY, "This payment's total is too large to be "
                    + "taken here. Please contact the merchant.");
        }
        int usage = repository.incrementUsage(id).orElseThrow(() -> new PageException(HttpStatus.CONFLICT,
                "This payment request has already been used."));
        CardNumber card = method instanceof PaymentMethod.Card c ? c.number() : null;
        Payment pending = new Payment(UUID.randomUUID(), id, false, card == null ? "WALLET" : "CARD",
                request.amount(), request.taxAmount(), tip, total, card == null ? null : card.masked(),
                card == null ? "WALLET" : card.brand(), null, null, clock.instant(), usage,
                request.usageCountLimit(), request.status().code(), true);
        repository.insertTransaction(pending, formNonce);
        return new Reservation(null, pending);
    }

    private Payment settle(Payment pending, SandboxProcessor.Outcome outcome) {
        repository.settleTransaction(pending.transactionId(), outcome.approved(), outcome.reference(),
                outcome.declineReason());
        PaymentRepository.Usage usage = outcome.approved() ? repository.usage(pending.paymentRequestId())
                : repository.releaseUsage(pending.paymentRequestId());
        Payment payment = new Payment(pending.transactionId(), pending.paymentRequestId(), outcome.approved(),
                pending.method(), pending.amount(), pending.taxAmount(), pending.tipAmount(), pending.totalAmount(),
                pending.maskedPan(), pending.cardBrand(), outcome.reference(), outcome.declineReason(),
                pending.dateCreated(), usage.currentUsageCount(), usage.usageCountLimit(), usage.status(), false);
        // Delivered by PostgreSQL to every instance's listener when, and only if, this transaction commits.
        repository.notifyPayment(updates.message(payment));
        return payment;
    }

    /** What reserving found: the payment this form already made, or the new PENDING one with its use counted. */
    private record Reservation(Payment existing, Payment pending) {
    }

    /** The payment a form with this nonce already made, if any. */
    @Transactional(readOnly = true)
    java.util.Optional<Payment> paidWithNonce(UUID requestId, String formNonce) {
        return repository.transactionByNonce(requestId, formNonce);
    }

    @Transactional(readOnly = true)
    Payment transaction(UUID requestId, UUID transactionId) {
        return repository.transaction(requestId, transactionId).orElseThrow(PageException::notFound);
    }

    private static void refuseUnlessPayable(PayableRequest request) {
        if (!request.merchantAccepting()) {
            throw new PageException(HttpStatus.CONFLICT, "This merchant is not accepting payments right now.");
        }
        String reason = switch (request.status()) {
            case ACTIVE -> null;
            case DISABLED -> "This payment request has been disabled by the merchant.";
            case NOT_YET_ACTIVE -> "This payment request is not active yet.";
            case EXPIRED -> "This payment request has expired.";
            case USED_UP -> "This payment request has already been used.";
        };
        if (reason != null) {
            throw new PageException(HttpStatus.CONFLICT, reason);
        }
    }

    /** The total the shopper's page showed (before the tip) is no longer the request's: show the page again. */
    static final class TotalChanged extends RuntimeException {

        TotalChanged() {
            super("The amount of this payment has changed since the page was opened. Please review it and pay "
                    + "again.", null, false, false);
        }
    }

    /** How the shopper pays: a checked card (never stored) or a wallet token. */
    sealed interface PaymentMethod {

        record Card(CardNumber number) implements PaymentMethod {
        }

        record Wallet(String token) implements PaymentMethod {
        }
    }
}
