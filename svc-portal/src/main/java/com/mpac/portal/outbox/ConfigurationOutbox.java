package com.mpac.portal.outbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.sync.MerchantConfiguration;

import tools.jackson.databind.json.JsonMapper;

/**
 * The write side of the configuration push. Every change to what {@link MerchantConfiguration} carries (the
 * merchant, its providers, stores, terminals, API keys, API users) calls {@link #enqueue} in the transaction that
 * makes the change: the merchant's {@code config_version} grows by one and the whole configuration of that version
 * is stored with a pending delivery per target. If the change rolls back, so does the push; once it commits, the
 * dispatcher delivers it at least once.
 */
@Component
public class ConfigurationOutbox {

    private final ConfigDeliveries deliveries;
    private final MerchantConfigurations configurations;
    private final SecretCipher cipher;
    private final JsonMapper json;

    ConfigurationOutbox(ConfigDeliveries deliveries, MerchantConfigurations configurations, SecretCipher cipher,
            JsonMapper json) {
        this.deliveries = deliveries;
        this.configurations = configurations;
        this.cipher = cipher;
        this.json = json;
    }

    /**
     * Records the merchant's configuration as it stands in the current transaction, under the next version; answers
     * that version. The version comes from an UPDATE of the merchant row, whose lock orders concurrent changes: a
     * later transaction waits, then reads everything the earlier one committed, so a higher version never holds
     * less than a lower one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long enqueue(String merchantId) {
        long version = deliveries.nextVersion(merchantId);
        MerchantConfiguration configuration = configurations.assemble(merchantId, version);
        String payload = cipher.encrypt(json.writeValueAsString(configuration),
                SecretContexts.configPush(merchantId, version));
        deliveries.insertPush(merchantId, version, payload);
        deliveries.deliverToAllTargets(merchantId, version);
        return version;
    }
}
