package com.mpac.mqpay.merchant;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** What other features may ask of the merchant copy: a merchant's enabled provider account. */
@Service
public class ProviderAccounts {

    private final MerchantRepository repository;

    ProviderAccounts(MerchantRepository repository) {
        this.repository = repository;
    }

    public Optional<ProviderAccount> enabled(String merchantId, String provider) {
        return repository.findEnabledAccount(merchantId, provider);
    }
}
