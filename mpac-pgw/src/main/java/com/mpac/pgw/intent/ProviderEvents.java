package com.mpac.pgw.intent;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.ProviderPayment;

/**
 * Applies provider webhooks that verified. The raw payload is stored under the provider's event id in the same
 * transaction as its effect, so a redelivered event is recognised and changes nothing, and an event that fails to
 * apply is not recorded as seen. Events may come in any order: one about a transaction that is no longer pending
 * is kept but ignored, so a late event never moves an intent backwards.
 */
@Component
public class ProviderEvents {

    public enum Result {
        APPLIED, ALREADY_SETTLED, DUPLICATE, UNKNOWN_PAYMENT
    }

    private final JdbcClient jdbc;
    private final PaymentIntentRepository intents;
    private final ProviderTransactionRepository transactions;
    private final PaymentOutcomes outcomes;
    private final TransactionTemplate tx;

    ProviderEvents(JdbcClient jdbc, PaymentIntentRepository intents, ProviderTransactionRepository transactions,
            PaymentOutcomes outcomes, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.intents = intents;
        this.transactions = transactions;
        this.outcomes = outcomes;
        this.tx = tx;
    }

    /** A payment a provider knows by {@code reference}, as the gateway recorded it. */
    public record Payment(String merchantId, String transactionId, boolean pending, ProviderPayment asProviderPayment) {
    }

    /** The authorization the gateway sent to {@code provider} as {@code reference} (its transaction id). */
    public Optional<Payment> findPayment(PaymentProvider provider, String reference) {
        return transactions.find(reference)
                .filter(t -> t.provider().equals(provider.value())
                        && t.kind() == ProviderTransaction.TransactionKind.AUTHORIZATION)
                .flatMap(t -> intents.find(t.merchantId(), t.paymentIntentId()).map(intent -> new Payment(
                        t.merchantId(), t.id(), t.status() == ProviderTransaction.TransactionStatus.PENDING,
                        PaymentIntentLifecycle.payment(intent, t.id(),
                                t.providerReference()))));
    }

    /**
     * Records the event once and applies {@code outcome} to the authorization the provider knows as
     * {@code reference}, the gateway's own transaction id.
     */
    public Result receive(PaymentProvider provider, String eventId, String payload, String reference,
            ProviderOutcome outcome) {
        return tx.execute(status -> {
            int inserted = jdbc.sql("""
                    INSERT INTO provider_event (provider, event_id, payload, outcome)
                    VALUES (:provider, :eventId, :payload, 'received')
                    ON CONFLICT (provider, event_id) DO NOTHING
                    """)
                    .param("provider", provider.value()).param("eventId", eventId).param("payload", payload)
                    .update();
            if (inserted == 0) {
                return Result.DUPLICATE;
            }
            Result result = apply(provider, reference, outcome);
            jdbc.sql("UPDATE provider_event SET outcome = :outcome WHERE provider = :provider AND event_id = :eventId")
                    .param("outcome", result.name().toLowerCase(java.util.Locale.ROOT))
                    .param("provider", provider.value()).param("eventId", eventId).update();
            return result;
        });
    }

    private Result apply(PaymentProvider provider, String reference, ProviderOutcome outcome) {
        var found = transactions.find(reference).filter(t -> t.provider().equals(provider.value()));
        if (found.isEmpty()) {
            return Result.UNKNOWN_PAYMENT;
        }
        PaymentIntent intent = intents.lock(found.get().paymentIntentId()).orElseThrow();
        ProviderTransaction transaction = transactions.lock(found.get().id()).orElseThrow();
        return outcomes.apply(intent, transaction, outcome) ? Result.APPLIED : Result.ALREADY_SETTLED;
    }
}
