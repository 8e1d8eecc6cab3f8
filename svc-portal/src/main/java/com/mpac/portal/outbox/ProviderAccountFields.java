package com.mpac.portal.outbox;

import java.util.Set;

import com.mpac.contracts.sync.MerchantConfiguration.Provider;

/**
 * The provider account entries the registry's own merchant columns fill in the configuration push (PayPay's
 * {@code merchant_id} from {@code merchant.paypay_merchant_id}, MobilePay's {@code bio_code}, ...), as
 * {@link MerchantConfigurations} writes them: a merchant's provider settings may add any other entry but not these.
 */
public final class ProviderAccountFields {

    private ProviderAccountFields() {
    }

    public static Set<String> registryIdentifiers(Provider provider) {
        return switch (provider) {
            case PAYPAY, LINEPAY -> Set.of("merchant_id");
            case MIA_POS -> Set.of("idno");
            case VNPAY -> Set.of("tmn_code");
            case MAGENSA -> Set.of("customer_code");
            case MOBILEPAY -> Set.of();
        };
    }

    public static Set<String> registryCredentials(Provider provider) {
        return provider == Provider.MOBILEPAY ? Set.of("bio_code") : Set.of();
    }
}
