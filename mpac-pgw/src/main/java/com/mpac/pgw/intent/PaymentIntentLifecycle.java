package com.mpac.pgw.intent;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.pgw.intent.ProviderTransaction.TransactionKind;
import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderCalls;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.ProviderPayment;

/**
 * Confirm, capture, cancel and refund. Each runs in three steps: under the intent's row lock, check the transition
 * and record a pending provider transaction (committed, so a crash leaves something reconciliation can finish);
 * call the provider with no transaction open; then, under the lock again, apply the answer through
 * {@link PaymentOutcomes}. While the provider has a capture or cancel, the intent is {@code processing}, so a
 * concurrent second one meets a 409 rather than racing it.
 */
@Service
class PaymentIntentLifecycle {

    private final PaymentIntentRepository intents;
    private final ProviderTransactionRepository transactions;
    private final RefundRepository refunds;
    private final PaymentOutcomes outcomes;
    private final PaymentMethodChoice methods;
    private final ProviderCalls providers;
    private final TransactionTemplate tx;

    PaymentIntentLifecycle(PaymentIntentRepository intents, ProviderTransactionRepository transactions,
            RefundRepository refunds, PaymentOutcomes outcomes, PaymentMethodChoice methods, ProviderCalls providers,
            TransactionTemplate tx) {
        this.intents = intents;
        this.transactions = transactions;
        this.refunds = refunds;
        this.outcomes = outcomes;
        this.methods = methods;
        this.providers = providers;
        this.tx = tx;
    }

    /** What step one decided, for the provider call and step three. */
    record Started(PaymentIntent intent, String transactionId, PaymentProvider provider, ProviderAccount account,
            ProviderPayment payment, long amount) {
    }

    PaymentIntentResponse confirm(PaymentCaller caller, String id, PaymentIntentRequests.Confirm request) {
        caller.requireAccessTo(id);
        Started started = tx.execute(status -> {
            PaymentIntent intent = lock(caller, id);
            intent.requireStatus("confirmed", PaymentIntentStatus.REQUIRES_PAYMENT_METHOD,
                    PaymentIntentStatus.REQUIRES_CONFIRMATION);
            PaymentMethodChoice.Choice choice = methods.choose(intent.merchantId,
                    request.provider() != null ? request.provider() : intent.provider,
                    request.paymentMethod() != null ? request.paymentMethod() : intent.paymentMethod);
            intent.provider = choice.provider().value();
            intent.paymentMethod = choice.paymentMethod();
            intent.lastPaymentError = null;
            intent.moveTo(PaymentIntentStatus.PROCESSING);
            String transactionId = Ids.next("txn");
            outcomes.open(transactionId, intent, TransactionKind.AUTHORIZATION, intent.amount, null, null);
            outcomes.save(intent, null);
            return new Started(intent, transactionId, choice.provider(), choice.account(),
                    payment(intent, transactionId, null), intent.amount);
        });
        ProviderOutcome outcome = providers.authorize(started.provider(), started.payment(), started.account());
        return finish(started, outcome);
    }

    PaymentIntentResponse capture(PaymentCaller caller, String id, PaymentIntentRequests.Capture request) {
        Started started = tx.execute(status -> {
            PaymentIntent intent = lock(caller, id);
            intent.requireStatus("captured", PaymentIntentStatus.REQUIRES_CAPTURE);
            long amount = request.amountToCapture() == null ? intent.amountCapturable : request.amountToCapture();
            if (amount > intent.amountCapturable) {
                throw new ApiException(PaymentProblems.AMOUNT_TOO_LARGE, "amount_to_capture " + amount
                        + " exceeds amount_capturable " + intent.amountCapturable + ".",
                        Map.of("amount_capturable", intent.amountCapturable));
            }
            ProviderTransaction authorization = succeededAuthorization(intent);
            intent.moveTo(PaymentIntentStatus.PROCESSING);
            String transactionId = Ids.next("txn");
            outcomes.open(transactionId, intent, TransactionKind.CAPTURE, amount, null,
                    authorization.providerReference());
            outcomes.save(intent, null);
            return new Started(intent, transactionId, provider(intent), account(intent),
                    payment(intent, authorization.id(), authorization.providerReference()), amount);
        });
        ProviderOutcome outcome = providers.capture(started.provider(), started.payment(), started.amount(),
                started.transactionId(), started.account());
        PaymentIntentResponse response = finish(started, outcome);
        failLoudly(outcome, "capture");
        return response;
    }

    PaymentIntentResponse cancel(PaymentCaller caller, String id, PaymentIntentRequests.Cancel request) {
        caller.requireAccessTo(id);
        String reason = request.cancellationReason() == null ? "requested_by_customer" : request.cancellationReason();
        Started started = tx.execute(status -> {
            PaymentIntent intent = lock(caller, id);
            return startCancel(intent, reason);
        });
        if (started.transactionId() == null) {
            return PaymentIntentResponse.of(started.intent(), true);
        }
        ProviderOutcome outcome = providers.cancel(started.provider(), started.payment(), started.account());
        PaymentIntentResponse response = finish(started, outcome);
        failLoudly(outcome, "cancel");
        return response;
    }

    /**
     * Cancels at once when no provider holds anything; otherwise moves to {@code processing} with a pending cancel
     * the provider must confirm. Also the capture-expiry job's first step.
     */
    Started startCancel(PaymentIntent intent, String reason) {
        intent.requireStatus("canceled", PaymentIntentStatus.REQUIRES_PAYMENT_METHOD,
                PaymentIntentStatus.REQUIRES_CONFIRMATION, PaymentIntentStatus.REQUIRES_ACTION,
                PaymentIntentStatus.REQUIRES_CAPTURE);
        intent.cancellationReason = reason;
        if (intent.status == PaymentIntentStatus.REQUIRES_PAYMENT_METHOD
                || intent.status == PaymentIntentStatus.REQUIRES_CONFIRMATION) {
            outcomes.cancel(intent);
            return new Started(intent, null, null, null, null, 0);
        }
        ProviderTransaction authorization = intent.status == PaymentIntentStatus.REQUIRES_CAPTURE
                ? succeededAuthorization(intent)
                : transactions.findPendingAuthorization(intent.id).orElseThrow(
                        () -> new IllegalStateException("No pending authorization for " + intent.id));
        intent.moveTo(PaymentIntentStatus.PROCESSING);
        String transactionId = Ids.next("txn");
        outcomes.open(transactionId, intent, TransactionKind.CANCEL, intent.amountCapturable, null,
                authorization.providerReference());
        outcomes.save(intent, null);
        return new Started(intent, transactionId, provider(intent), account(intent),
                payment(intent, authorization.id(), authorization.providerReference()), intent.amountCapturable);
    }

    RefundResponse refund(PaymentCaller caller, String id, PaymentIntentRequests.Refund request) {
        record StartedRefund(Started started, String refundId, long amount) {
        }
        StartedRefund started = tx.execute(status -> {
            PaymentIntent intent = lock(caller, id);
            intent.requireStatus("refunded", PaymentIntentStatus.SUCCEEDED);
            long remaining = intent.amountReceived - intent.amountRefunded;
            long amount = request.amount() == null ? remaining : request.amount();
            if (remaining == 0 || amount > remaining) {
                throw new ApiException(PaymentProblems.AMOUNT_TOO_LARGE, "Refund of " + amount + " exceeds the "
                        + remaining + " " + intent.currency + " not yet refunded.",
                        Map.of("amount_refundable", remaining));
            }
            ProviderTransaction authorization = succeededAuthorization(intent);
            intent.amountRefunded += amount;
            String refundId = Ids.next("re");
            refunds.insert(new Refund(refundId, intent.id, intent.merchantId, amount, intent.currency, "pending",
                    request.reason(), null, null));
            String transactionId = Ids.next("txn");
            outcomes.open(transactionId, intent, TransactionKind.REFUND, amount, refundId,
                    authorization.providerReference());
            outcomes.save(intent, null);
            return new StartedRefund(new Started(intent, transactionId, provider(intent), account(intent),
                    payment(intent, authorization.id(), authorization.providerReference()), amount), refundId,
                    amount);
        });
        Started s = started.started();
        ProviderOutcome outcome = providers.refund(s.provider(), s.payment(), started.amount(), started.refundId(),
                s.account());
        finish(s, outcome);
        failLoudly(outcome, "refund");
        return RefundResponse.of(refunds.find(started.refundId()).orElseThrow());
    }

    /** Applies the provider's answer under the locks again; someone faster (a webhook) may have settled it. */
    PaymentIntentResponse finish(Started started, ProviderOutcome outcome) {
        return tx.execute(status -> {
            PaymentIntent intent = intents.lock(started.intent().id).orElseThrow();
            ProviderTransaction transaction = transactions.lock(started.transactionId()).orElseThrow();
            outcomes.apply(intent, transaction, outcome);
            return PaymentIntentResponse.of(intent, true);
        });
    }

    /** A capture, cancel or refund the provider refused or could not take is an error for the caller. */
    private static void failLoudly(ProviderOutcome outcome, String action) {
        switch (outcome) {
            case ProviderOutcome.Failed failed -> throw new ApiException(PaymentProblems.PROVIDER_DECLINED,
                    "The provider refused the " + action + ": " + failed.message(),
                    Map.of("provider_code", failed.code()));
            case ProviderOutcome.NotAttempted notAttempted -> throw new ApiException(
                    PaymentProblems.PROVIDER_UNAVAILABLE, notAttempted.reason() + "; retry later.");
            default -> {
            }
        }
    }

    private PaymentIntent lock(PaymentCaller caller, String id) {
        caller.requireAccessTo(id);
        return intents.lock(caller.merchantId(), id).orElseThrow(() -> PaymentIntentService.notFound(id));
    }

    private ProviderTransaction succeededAuthorization(PaymentIntent intent) {
        return transactions.findSucceededAuthorization(intent.id)
                .orElseThrow(() -> new IllegalStateException("No successful authorization for " + intent.id));
    }

    private static PaymentProvider provider(PaymentIntent intent) {
        return PaymentProvider.of(intent.provider).orElseThrow();
    }

    private ProviderAccount account(PaymentIntent intent) {
        return providers.existingAccount(intent.merchantId, provider(intent)).orElseThrow(() -> new ApiException(
                PaymentProblems.PROVIDER_NOT_ENABLED, "The merchant's " + intent.provider + " account is gone."));
    }

    static ProviderPayment payment(PaymentIntent intent, String reference, String providerReference) {
        return new ProviderPayment(reference, intent.id, intent.paymentMethod, intent.amount, intent.currency,
                intent.manualCapture(), intent.description, providerReference, intent.merchantId,
                intent.terminalId);
    }
}
