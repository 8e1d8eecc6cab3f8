package com.mpac.pgw.intent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mpac.pgw.intent.ProviderTransaction.TransactionKind;
import com.mpac.pgw.intent.ProviderTransaction.TransactionStatus;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.webhook.WebhookOutbox;

/**
 * Where a provider's answer becomes the intent's new state, whoever brought it: the confirm call itself, a provider
 * webhook, or reconciliation. Callers hold the intent's and the transaction's row locks; an answer for a transaction
 * that is no longer pending changes nothing, so duplicates and late arrivals never move an intent backwards.
 */
@Component
class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    private final PaymentIntentRepository intents;
    private final ProviderTransactionRepository transactions;
    private final RefundRepository refunds;
    private final WebhookOutbox outbox;
    private final PaymentGatewayProperties properties;
    private final Clock clock;
    private final Duration providerReadTimeout;

    PaymentOutcomes(PaymentIntentRepository intents, ProviderTransactionRepository transactions,
            RefundRepository refunds, WebhookOutbox outbox, PaymentGatewayProperties properties, Clock clock,
            @Value("${mpac.pgw.providers.read-timeout:10s}") Duration providerReadTimeout) {
        this.providerReadTimeout = providerReadTimeout;
        this.intents = intents;
        this.transactions = transactions;
        this.refunds = refunds;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Applies an outcome to a pending transaction of {@code intent}; {@code false} if it was already settled. */
    boolean apply(PaymentIntent intent, ProviderTransaction transaction, ProviderOutcome outcome) {
        if (transaction.status() != TransactionStatus.PENDING) {
            return false;
        }
        switch (transaction.kind()) {
            case AUTHORIZATION -> applyAuthorization(intent, transaction, outcome);
            case CAPTURE -> applyCapture(intent, transaction, outcome);
            case REFUND -> applyRefund(intent, transaction, outcome);
            case CANCEL -> applyCancel(intent, transaction, outcome);
        }
        return true;
    }

    private void applyAuthorization(PaymentIntent intent, ProviderTransaction transaction, ProviderOutcome outcome) {
        boolean open = intent.status == PaymentIntentStatus.PROCESSING
                || intent.status == PaymentIntentStatus.REQUIRES_ACTION;
        switch (outcome) {
            case ProviderOutcome.Succeeded succeeded -> {
                complete(transaction, TransactionStatus.SUCCEEDED, succeeded.providerReference(), null, null);
                if (open) {
                    if (intent.manualCapture()) {
                        // A provider that took the money at once leaves nothing to capture: it is received.
                        log.info("Provider captured {} although capture is manual", intent.id);
                    }
                    receive(intent, intent.amount);
                }
                else {
                    log.warn("Provider reports {} paid while it is {}; the money needs a refund", intent.id,
                            intent.status.value());
                }
            }
            case ProviderOutcome.Authorized authorized -> {
                complete(transaction, TransactionStatus.SUCCEEDED, authorized.providerReference(), null, null);
                if (open) {
                    intent.moveTo(PaymentIntentStatus.REQUIRES_CAPTURE);
                    intent.amountCapturable = intent.amount;
                    intent.nextAction = null;
                    intent.captureBefore = clock.instant().plus(properties.captureHold());
                    save(intent, "payment_intent.amount_capturable_updated");
                }
            }
            case ProviderOutcome.ActionRequired action -> {
                transactions.setProviderReference(transaction.id(), action.providerReference());
                transactions.scheduleCheck(transaction.id(), clock.instant().plus(properties.actionCheckDelay()));
                if (intent.status == PaymentIntentStatus.PROCESSING) {
                    intent.moveTo(PaymentIntentStatus.REQUIRES_ACTION);
                    intent.nextAction = action.nextAction();
                    save(intent, "payment_intent.requires_action");
                }
            }
            case ProviderOutcome.Failed failed -> {
                complete(transaction, TransactionStatus.FAILED, null, failed.code(), failed.message());
                if (open) {
                    fail(intent, transaction, failed.code(), failed.message());
                }
            }
            case ProviderOutcome.NotAttempted notAttempted -> {
                complete(transaction, TransactionStatus.FAILED, null, "provider_unavailable", notAttempted.reason());
                if (open) {
                    fail(intent, transaction, "provider_unavailable", notAttempted.reason());
                }
            }
            case ProviderOutcome.Pending pending -> {
                transactions.setProviderReference(transaction.id(), pending.providerReference());
                transactions.scheduleCheck(transaction.id(), nextCheck(transaction));
                if (intent.status == PaymentIntentStatus.PROCESSING && transaction.checks() == 0) {
                    save(intent, "payment_intent.processing");
                }
            }
        }
    }

    private void applyCapture(PaymentIntent intent, ProviderTransaction transaction, ProviderOutcome outcome) {
        switch (outcome) {
            case ProviderOutcome.Succeeded succeeded -> {
                complete(transaction, TransactionStatus.SUCCEEDED, succeeded.providerReference(), null, null);
                intent.amountCapturable = 0;
                receive(intent, transaction.amount());
            }
            case ProviderOutcome.Failed failed -> {
                complete(transaction, TransactionStatus.FAILED, null, failed.code(), failed.message());
                intent.moveTo(PaymentIntentStatus.REQUIRES_CAPTURE);
                save(intent, null);
            }
            case ProviderOutcome.NotAttempted notAttempted -> {
                complete(transaction, TransactionStatus.FAILED, null, "provider_unavailable", notAttempted.reason());
                intent.moveTo(PaymentIntentStatus.REQUIRES_CAPTURE);
                save(intent, null);
            }
            // Still authorized: the capture has not happened yet; keep asking.
            case ProviderOutcome.Authorized authorized -> transactions.scheduleCheck(transaction.id(),
                    nextCheck(transaction));
            case ProviderOutcome.Pending pending -> transactions.scheduleCheck(transaction.id(), nextCheck(transaction));
            case ProviderOutcome.ActionRequired action -> transactions.scheduleCheck(transaction.id(),
                    nextCheck(transaction));
        }
    }

    private void applyRefund(PaymentIntent intent, ProviderTransaction transaction, ProviderOutcome outcome) {
        switch (outcome) {
            case ProviderOutcome.Succeeded succeeded -> {
                complete(transaction, TransactionStatus.SUCCEEDED, succeeded.providerReference(), null, null);
                refunds.complete(transaction.refundId(), "succeeded", null);
                intents.update(intent);
                refunds.find(transaction.refundId()).ifPresent(refund -> outbox.record(intent.merchantId,
                        "refund.succeeded", RefundResponse.of(refund)));
            }
            case ProviderOutcome.Failed failed -> failRefund(intent, transaction, failed.code(), failed.message());
            case ProviderOutcome.NotAttempted notAttempted -> failRefund(intent, transaction, "provider_unavailable",
                    notAttempted.reason());
            default -> transactions.scheduleCheck(transaction.id(), nextCheck(transaction));
        }
    }

    /**
     * A released authorization or withdrawn payment request cancels the intent. If the provider refused or could not
     * be reached, the intent goes back to where it was (held, or waiting for the shopper); a timeout is asked again.
     */
    private void applyCancel(PaymentIntent intent, ProviderTransaction transaction, ProviderOutcome outcome) {
        switch (outcome) {
            case ProviderOutcome.Failed failed -> {
                complete(transaction, TransactionStatus.FAILED, null, failed.code(), failed.message());
                restoreAfterCancel(intent);
            }
            case ProviderOutcome.NotAttempted notAttempted -> {
                complete(transaction, TransactionStatus.FAILED, null, "provider_unavailable", notAttempted.reason());
                restoreAfterCancel(intent);
            }
            case ProviderOutcome.Pending pending -> transactions.scheduleCheck(transaction.id(),
                    nextCheck(transaction));
            default -> {
                complete(transaction, TransactionStatus.SUCCEEDED, null, null, null);
                transactions.findPendingAuthorization(intent.id).ifPresent(authorization -> complete(authorization,
                        TransactionStatus.FAILED, null, "canceled", "The PaymentIntent was canceled."));
                if (intent.status == PaymentIntentStatus.PROCESSING) {
                    cancel(intent);
                }
            }
        }
    }

    private void restoreAfterCancel(PaymentIntent intent) {
        if (intent.status == PaymentIntentStatus.PROCESSING) {
            intent.cancellationReason = null;
            intent.moveTo(intent.amountCapturable > 0 ? PaymentIntentStatus.REQUIRES_CAPTURE
                    : PaymentIntentStatus.REQUIRES_ACTION);
            save(intent, null);
        }
    }

    /** Cancels the intent; anything held is released. */
    void cancel(PaymentIntent intent) {
        intent.moveTo(PaymentIntentStatus.CANCELED);
        intent.amountCapturable = 0;
        intent.nextAction = null;
        intent.captureBefore = null;
        intent.canceledAt = clock.instant();
        save(intent, "payment_intent.canceled");
    }

    /** The reserved refund amount goes back to what can still be refunded. */
    private void failRefund(PaymentIntent intent, ProviderTransaction transaction, String code, String message) {
        complete(transaction, TransactionStatus.FAILED, null, code, message);
        refunds.complete(transaction.refundId(), "failed", code);
        intent.amountRefunded -= transaction.amount();
        intents.update(intent);
        refunds.find(transaction.refundId()).ifPresent(refund -> outbox.record(intent.merchantId, "refund.failed",
                RefundResponse.of(refund)));
    }

    private void receive(PaymentIntent intent, long amount) {
        intent.moveTo(PaymentIntentStatus.SUCCEEDED);
        intent.amountReceived = amount;
        intent.amountCapturable = 0;
        intent.nextAction = null;
        intent.captureBefore = null;
        save(intent, "payment_intent.succeeded");
    }

    private void fail(PaymentIntent intent, ProviderTransaction transaction, String code, String message) {
        intent.moveTo(PaymentIntentStatus.REQUIRES_PAYMENT_METHOD);
        intent.lastPaymentError = new PaymentError(code, message, transaction.provider(), transaction.id());
        intent.nextAction = null;
        save(intent, "payment_intent.payment_failed");
    }

    private void complete(ProviderTransaction transaction, TransactionStatus status, String reference, String code,
            String message) {
        transactions.complete(transaction.id(), status, reference, code, message);
    }

    void save(PaymentIntent intent, String eventType) {
        intents.update(intent);
        intent.updated = clock.instant();
        if (eventType != null) {
            outbox.record(intent.merchantId, eventType, PaymentIntentResponse.of(intent, false));
        }
    }

    /** Backoff between provider queries: doubling from the first delay up to the cap. */
    Instant nextCheck(ProviderTransaction transaction) {
        Duration delay = properties.reconciliation().firstDelay()
                .multipliedBy(1L << Math.min(transaction.checks(), 16));
        Duration cap = properties.reconciliation().maxDelay();
        return clock.instant().plus(delay.compareTo(cap) > 0 ? cap : delay);
    }

    /**
     * A new pending transaction of {@code kind}, checked by reconciliation if nobody answers first: not before the
     * provider call itself can have timed out, so the two never race to ask the provider.
     */
    void open(String transactionId, PaymentIntent intent, TransactionKind kind, long amount, String refundId,
            String providerReference) {
        transactions.insertPending(transactionId, intent, kind, amount, refundId, providerReference,
                clock.instant().plus(providerReadTimeout).plus(properties.reconciliation().firstDelay()));
    }
}
