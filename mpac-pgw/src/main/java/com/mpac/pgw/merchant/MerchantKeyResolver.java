package com.mpac.pgw.merchant;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.mpac.contracts.hmac.HmacCaller;
import com.mpac.contracts.hmac.HmacKey;
import com.mpac.contracts.hmac.HmacKeyResolver;

/** Lets merchant back ends sign S2S requests with the API keys svc-portal pushed to the gateway. */
@Component
class MerchantKeyResolver implements HmacKeyResolver {

    private final MerchantConfigurationRepository repository;

    MerchantKeyResolver(MerchantConfigurationRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<HmacKey> resolve(String keyId) {
        if (!keyId.startsWith("mpk_")) {
            return Optional.empty();
        }
        return repository.findActiveApiKey(keyId).map(key -> new HmacKey(key.keyId(), key.secrets(),
                new HmacCaller(HmacCaller.Kind.MERCHANT, key.merchantId(), key.keyId())));
    }
}
