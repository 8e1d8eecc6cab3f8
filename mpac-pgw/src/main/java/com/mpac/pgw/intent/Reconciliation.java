package com.mpac.pgw.intent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderCalls;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.ProviderPayment;

/**
 * Finds out what happened to provider transactions whose outcome is unknown (a timeout, a crash between the call and
 * its answer, a webhook that never came), on a backoff schedule, and releases holds that were never captured.
 * Both jobs claim rows with {@code FOR UPDATE SKIP LOCKED}, so several gateway instances share the work without
 * doing any of it twice.
 */
@Component
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final PaymentIntentRepository intents;
    private final ProviderTransactionRepository transactions;
    private final PaymentOutcomes outcomes;
    private final PaymentIntentLifecycle lifecycle;
    private final ProviderCalls providers;
    private final PaymentGatewayProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    Reconciliation(PaymentIntentRepository intents, ProviderTransactionRepository transactions,
            PaymentOutcomes outcomes, PaymentIntentLifecycle lifecycle, ProviderCalls providers,
            PaymentGatewayProperties properties, TransactionTemplate tx, Clock clock) {
        this.intents = intents;
        this.transactions = transactions;
        this.outcomes = outcomes;
        this.lifecycle = lifecycle;
        this.providers = providers;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mpac.pgw.reconciliation.poll-interval:5s}",
            initialDelayString = "${mpac.pgw.reconciliation.poll-interval:5s}")
    void reconcileDue() {
        PaymentGatewayProperties.Reconciliation settings = properties.reconciliation();
        List<String> due = tx.execute(status -> transactions.claimDue(clock.instant(), settings.lease(),
                settings.batchSize()));
        for (String transactionId : due) {
            try {
                reconcile(transactionId);
            }
            catch (RuntimeException ex) {
                log.warn("Reconciling {} failed; it is retried when its claim lapses", transactionId, ex);
            }
        }
    }

    /** Asks the provider about one pending transaction and applies the answer. */
    void reconcile(String transactionId) {
        ProviderTransaction transaction = tx.execute(status -> transactions.lock(transactionId).orElseThrow());
        if (transaction.status() != ProviderTransaction.TransactionStatus.PENDING) {
            return;
        }
        PaymentIntent intent = intents.find(transaction.merchantId(), transaction.paymentIntentId()).orElseThrow();
        PaymentProvider provider = PaymentProvider.of(transaction.provider()).orElseThrow();
        ProviderAccount account = providers.existingAccount(intent.merchantId, provider).orElse(null);
        ProviderOutcome outcome = account == null ? new ProviderOutcome.Pending(null, "no account")
                : ask(intent, transaction, provider, account);
        tx.executeWithoutResult(status -> {
            PaymentIntent locked = intents.lock(intent.id).orElseThrow();
            ProviderTransaction current = transactions.lock(transactionId).orElseThrow();
            outcomes.apply(locked, current, outcome);
        });
    }

    private ProviderOutcome ask(PaymentIntent intent, ProviderTransaction transaction, PaymentProvider provider,
            ProviderAccount account) {
        ProviderTransaction authorization = transaction.kind() == ProviderTransaction.TransactionKind.AUTHORIZATION
                ? transaction : transactions.findLatestAuthorization(intent.id).orElseThrow();
        ProviderPayment payment = PaymentIntentLifecycle.payment(intent, authorization.id(),
                authorization.providerReference());
        return switch (transaction.kind()) {
            case AUTHORIZATION -> {
                ProviderOutcome outcome = providers.queryAuthorization(provider, payment, account);
                boolean unknown = outcome instanceof ProviderOutcome.Pending
                        || outcome instanceof ProviderOutcome.ActionRequired
                        || outcome instanceof ProviderOutcome.NotAttempted;
                if (unknown && Duration.between(transaction.created(), clock.instant())
                        .compareTo(properties.reconciliation().giveUpAfter()) > 0) {
                    yield new ProviderOutcome.Failed("expired", "The provider never completed the payment.");
                }
                yield outcome instanceof ProviderOutcome.NotAttempted
                        ? new ProviderOutcome.Pending(null, "circuit open") : outcome;
            }
            // Captures and cancels are sent again under the same reference, which providers treat as one request.
            case CAPTURE -> pendingIfNotAttempted(providers.capture(provider, payment, transaction.amount(),
                    transaction.id(), account));
            case CANCEL -> pendingIfNotAttempted(providers.cancel(provider, payment, account));
            case REFUND -> pendingIfNotAttempted(providers.queryRefund(provider, payment, transaction.refundId(),
                    account));
        };
    }

    /** An open circuit during reconciliation only means "not yet": the transaction stays pending. */
    private static ProviderOutcome pendingIfNotAttempted(ProviderOutcome outcome) {
        return outcome instanceof ProviderOutcome.NotAttempted notAttempted
                ? new ProviderOutcome.Pending(null, notAttempted.reason()) : outcome;
    }

    /** Cancels intents whose authorization was held longer than the capture hold, one claimed row at a time. */
    @Scheduled(fixedDelayString = "${mpac.pgw.capture-expiry-interval:60s}",
            initialDelayString = "${mpac.pgw.capture-expiry-interval:60s}")
    void expireHolds() {
        for (int i = 0; i < properties.reconciliation().batchSize(); i++) {
            PaymentIntentLifecycle.Started started = tx.execute(status -> intents.lockExpiredHolds(clock.instant(), 1)
                    .stream().findFirst()
                    .map(id -> lifecycle.startCancel(intents.lock(id).orElseThrow(), "automatic"))
                    .orElse(null));
            if (started == null) {
                return;
            }
            lifecycle.finish(started, providers.cancel(started.provider(), started.payment(), started.account()));
        }
    }
}
