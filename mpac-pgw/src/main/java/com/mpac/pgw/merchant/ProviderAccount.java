package com.mpac.pgw.merchant;

import java.util.Map;
import java.util.Optional;

/** A merchant's account at one provider, credentials decrypted; never logged with them. */
public record ProviderAccount(String provider, boolean enabled, Map<String, String> identifiers,
        Map<String, String> credentials) {

    public Optional<String> identifier(String name) {
        return Optional.ofNullable(identifiers.get(name)).filter(value -> !value.isBlank());
    }

    public Optional<String> credential(String name) {
        return Optional.ofNullable(credentials.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "ProviderAccount[" + provider + ", enabled=" + enabled + ", identifiers=" + identifiers
                + ", credentials=" + credentials.keySet() + "]";
    }
}
