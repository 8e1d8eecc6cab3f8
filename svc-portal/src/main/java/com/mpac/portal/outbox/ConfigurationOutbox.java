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
     * Takes the merchant row's lock for the rest of the transaction. A change to a merchant's configuration calls it
     * before touching any of the merchant's rows, so every such transaction takes its locks in the same order (the
     * merchant first) and two of them never deadlock; it does not block inserts whose foreign keys point at the
     * merchant ({@code FOR NO KEY UPDATE}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockMerchant(String merchantId) {
        deliveries.lockMerchant(merchantId);
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
