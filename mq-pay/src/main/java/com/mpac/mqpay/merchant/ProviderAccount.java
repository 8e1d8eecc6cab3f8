package com.mpac.mqpay.merchant;

import java.util.Map;

/** A merchant's enabled account at a provider: public identifiers and decrypted credentials. */
public record ProviderAccount(String merchantId, Map<String, String> identifiers, Map<String, String> credentials) {

    @Override
    public String toString() {
        return "ProviderAccount[" + merchantId + ", " + identifiers + ", credentials=" + credentials.keySet() + "]";
    }
}
