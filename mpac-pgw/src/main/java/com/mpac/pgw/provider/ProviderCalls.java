package com.mpac.pgw.provider;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mpac.pgw.merchant.MerchantDirectory;
import com.mpac.pgw.merchant.ProviderAccount;

/**
 * The one way the core calls a provider. Each call runs in the provider's circuit breaker (named after the provider,
 * configured under {@code resilience4j.circuitbreaker.instances}); queries, which are idempotent, are also retried.
 * Transport failures become {@link ProviderOutcome.Pending} (the provider may have acted), an open circuit
 * {@link ProviderOutcome.NotAttempted} (it certainly did not).
 */
@Component
public class ProviderCalls {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    private final Map<PaymentProvider, PaymentConnector> connectors = new EnumMap<>(PaymentProvider.class);
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final MerchantDirectory merchants;
    private final boolean sandboxEnabled;

    ProviderCalls(List<PaymentConnector> connectors, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
            MerchantDirectory merchants, @Value("${mpac.sandbox-enabled:false}") boolean sandboxEnabled) {
        connectors.forEach(connector -> this.connectors.put(connector.provider(), connector));
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.merchants = merchants;
        this.sandboxEnabled = sandboxEnabled;
    }

    /** The merchant's enabled account at the provider; the sandbox is everyone's where sandboxes are on. */
    public Optional<ProviderAccount> account(String merchantId, PaymentProvider provider) {
        if (provider == PaymentProvider.SANDBOX) {
            return sandboxEnabled ? Optional.of(new ProviderAccount("SANDBOX", true, Map.of(), Map.of()))
                    : Optional.empty();
        }
        return merchants.enabledProviderAccount(merchantId, provider.name());
    }

    /** The merchant's account for following up a payment already made on it, even if since disabled. */
    public Optional<ProviderAccount> existingAccount(String merchantId, PaymentProvider provider) {
        if (provider == PaymentProvider.SANDBOX) {
            return Optional.of(new ProviderAccount("SANDBOX", true, Map.of(), Map.of()));
        }
        return merchants.providerAccount(merchantId, provider.name());
    }

    public boolean supports(PaymentProvider provider, String paymentMethod) {
        PaymentConnector connector = connectors.get(provider);
        return connector != null && connector.paymentMethods().contains(paymentMethod);
    }

    public ProviderOutcome authorize(PaymentProvider provider, ProviderPayment payment, ProviderAccount account) {
        return call(provider, "authorize", false, connector -> connector.authorize(payment, account));
    }

    public ProviderOutcome queryAuthorization(PaymentProvider provider, ProviderPayment payment,
            ProviderAccount account) {
        return call(provider, "query", true, connector -> connector.queryAuthorization(payment, account));
    }

    public ProviderOutcome capture(PaymentProvider provider, ProviderPayment payment, long amount, String reference,
            ProviderAccount account) {
        return call(provider, "capture", false, connector -> connector.capture(payment, amount, reference, account));
    }

    public ProviderOutcome cancel(PaymentProvider provider, ProviderPayment payment, ProviderAccount account) {
        return call(provider, "cancel", false, connector -> connector.cancel(payment, account));
    }

    public ProviderOutcome refund(PaymentProvider provider, ProviderPayment payment, long amount, String reference,
            ProviderAccount account) {
        return call(provider, "refund", false, connector -> connector.refund(payment, amount, reference, account));
    }

    public ProviderOutcome queryRefund(PaymentProvider provider, ProviderPayment payment, String reference,
            ProviderAccount account) {
        return call(provider, "query refund", true, connector -> connector.queryRefund(payment, reference, account));
    }

    private ProviderOutcome call(PaymentProvider provider, String operation, boolean idempotent,
            java.util.function.Function<PaymentConnector, ProviderOutcome> call) {
        PaymentConnector connector = connectors.get(provider);
        if (connector == null) {
            return new ProviderOutcome.NotAttempted("No connector for " + provider.value());
        }
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(provider.value());
        // A merchant's incomplete account says nothing about the provider's health: it stays outside the breaker.
        Supplier<ProviderOutcome> guarded = CircuitBreaker.decorateSupplier(circuitBreaker, () -> call.apply(connector));
        if (idempotent) {
            Retry retry = retries.retry(provider.value());
            guarded = Retry.decorateSupplier(retry, guarded);
        }
        try {
            return guarded.get();
        }
        catch (IncompleteAccountException ex) {
            return new ProviderOutcome.NotAttempted(ex.getMessage());
        }
        catch (CallNotPermittedException ex) {
            return new ProviderOutcome.NotAttempted(provider.value() + " is unavailable (circuit open); not attempted");
        }
        catch (RuntimeException ex) {
            log.warn("{} {} failed: {}", provider.value(), operation, ex.toString());
            return new ProviderOutcome.Pending(null, provider.value() + " did not answer: " + ex.getClass().getSimpleName());
        }
    }
}
