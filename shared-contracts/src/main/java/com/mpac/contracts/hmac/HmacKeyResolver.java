package com.mpac.contracts.hmac;

import java.util.Optional;

/**
 * Finds the key a request names. {@link PlatformKeys} knows the platform services; a service that also serves
 * merchant back ends (mpac-pgw, mq-pay) declares a resolver bean that adds its merchants' API keys.
 */
@FunctionalInterface
public interface HmacKeyResolver {

    Optional<HmacKey> resolve(String keyId);
}
