package com.mpac.contracts.hmac;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform services' own S2S keys, from one setting ({@code MPAC_PLATFORM_KEYS}):
 * comma-separated {@code service:keyId:secret[|secret...]} entries. Every service holds the whole list, to verify
 * its peers and to find its own signing key by its {@code spring.application.name}.
 */
public final class PlatformKeys implements HmacKeyResolver {

    private final Map<String, HmacKey> byKeyId;

    private PlatformKeys(Map<String, HmacKey> byKeyId) {
        this.byKeyId = byKeyId;
    }

    public static PlatformKeys parse(String setting) {
        Map<String, HmacKey> keys = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return new PlatformKeys(Map.of());
        }
        for (String entry : setting.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
                // The entry holds a secret: never echo it.
                throw new IllegalArgumentException("MPAC_PLATFORM_KEYS: each entry must be service:keyId:secret");
            }
            List<String> secrets = Arrays.stream(parts[2].split("\\|")).filter(s -> !s.isBlank()).toList();
            HmacKey key = new HmacKey(parts[1], secrets, new HmacCaller(HmacCaller.Kind.PLATFORM, parts[0], parts[1]));
            if (keys.putIfAbsent(key.keyId(), key) != null) {
                throw new IllegalArgumentException("MPAC_PLATFORM_KEYS: key id " + key.keyId() + " appears twice");
            }
        }
        return new PlatformKeys(Map.copyOf(keys));
    }

    @Override
    public Optional<HmacKey> resolve(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The key a service signs its outbound calls with. */
    public Optional<HmacKey> keyOf(String service) {
        return byKeyId.values().stream().filter(key -> key.caller().id().equals(service)).findFirst();
    }
}
