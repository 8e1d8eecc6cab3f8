package com.mpac.mqpay.merchant;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.mpac.contracts.hmac.HmacCaller;
import com.mpac.contracts.hmac.HmacKey;
import com.mpac.contracts.hmac.HmacKeyResolver;

/** Lets merchant back ends sign MQ-Pay requests with the API keys svc-portal pushed here. */
@Component
class MerchantKeyResolver implements HmacKeyResolver {

    private final MerchantRepository repository;

    MerchantKeyResolver(MerchantRepository repository) {
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
