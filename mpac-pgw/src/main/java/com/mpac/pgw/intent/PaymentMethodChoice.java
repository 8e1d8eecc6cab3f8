package com.mpac.pgw.intent;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.mpac.contracts.problem.ApiException;
import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderCalls;

/** Checks a provider and payment method the merchant may use, before anything is written. */
@Component
class PaymentMethodChoice {

    private final ProviderCalls providers;

    PaymentMethodChoice(ProviderCalls providers) {
        this.providers = providers;
    }

    record Choice(PaymentProvider provider, String paymentMethod, ProviderAccount account) {
    }

    Choice choose(String merchantId, String providerName, String paymentMethod) {
        if (providerName == null || paymentMethod == null) {
            throw new ApiException(PaymentProblems.PAYMENT_METHOD_NOT_SUPPORTED,
                    "Name both provider and payment_method.");
        }
        PaymentProvider provider = PaymentProvider.of(providerName).orElseThrow(() -> new ApiException(
                PaymentProblems.PROVIDER_NOT_ENABLED, "Unknown provider: " + providerName,
                Map.of("field", "provider")));
        ProviderAccount account = providers.account(merchantId, provider).orElseThrow(() -> new ApiException(
                PaymentProblems.PROVIDER_NOT_ENABLED, "The merchant has no enabled " + provider.value() + " account.",
                Map.of("field", "provider")));
        if (!providers.supports(provider, paymentMethod)) {
            throw new ApiException(PaymentProblems.PAYMENT_METHOD_NOT_SUPPORTED,
                    provider.value() + " does not offer the payment method '" + paymentMethod + "'.",
                    Map.of("field", "payment_method"));
        }
        return new Choice(provider, paymentMethod, account);
    }
}
