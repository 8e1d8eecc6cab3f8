package com.mpac.pgw.merchant;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** What the rest of the gateway may ask about the merchants svc-portal pushed. */
@Service
public class MerchantDirectory {

    private final MerchantConfigurationRepository repository;

    MerchantDirectory(MerchantConfigurationRepository repository) {
        this.repository = repository;
    }

    public boolean isActive(String merchantId) {
        return repository.isActive(merchantId);
    }

    /** The merchant's enabled account at the provider, if any. */
    public Optional<ProviderAccount> enabledProviderAccount(String merchantId, String provider) {
        return repository.findProviderAccount(merchantId, provider).filter(ProviderAccount::enabled);
    }

    /** The merchant's account at the provider whether enabled or not, for following up earlier payments. */
    public Optional<ProviderAccount> providerAccount(String merchantId, String provider) {
        return repository.findProviderAccount(merchantId, provider);
    }

    /**
     * The account at {@code provider} whose identifier {@code key} is {@code value}: how a provider's sandbox, which
     * is addressed by the provider's own merchant id, finds the credentials to check a request with.
     */
    public Optional<ProviderAccount> providerAccountByIdentifier(String provider, String key, String value) {
        return repository.findMerchantByProviderIdentifier(provider, key, value)
                .flatMap(merchantId -> repository.findProviderAccount(merchantId, provider));
    }

    public boolean hasStore(String merchantId, String storeId) {
        return repository.hasStore(merchantId, storeId);
    }

    public boolean hasTerminal(String merchantId, String storeId, String terminalId) {
        return repository.hasTerminal(merchantId, storeId, terminalId);
    }

    public List<WebhookSubscription> webhookSubscriptions(String merchantId) {
        return repository.findWebhookSubscriptions(merchantId);
    }

    public Optional<WebhookTarget> activeWebhookTarget(String endpointId) {
        return repository.findActiveWebhookTarget(endpointId);
    }

    /** After a 410: the endpoint gets nothing more until svc-portal's operator removes and re-adds it. */
    public void disableWebhookEndpoint(String endpointId, String reason) {
        repository.disableWebhookEndpoint(endpointId, reason);
    }
}
