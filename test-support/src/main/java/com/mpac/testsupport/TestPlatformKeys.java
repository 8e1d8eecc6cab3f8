package com.mpac.testsupport;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fixed, test-only S2S keys for the seven platform services, set as {@code mpac.platform-keys} in every test
 * context. A test signs "as svc-portal" with {@code keyId("svc-portal")} and {@code secret("svc-portal")}.
 */
public final class TestPlatformKeys {

    private static final Map<String, String> SCHEMA_OF = Map.of("svc-portal", "portal", "svc-smarttab", "smarttab",
            "mpac-pgw", "pgw", "mia-pos-gateway", "mia", "mobilepay-adapter", "mobilepay", "mq-pay", "mqpay",
            "payment-request", "payreq");

    /** A base64 AES-256 key for tests; never used outside them. */
    public static final String MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";

    private TestPlatformKeys() {
    }

    public static String keyId(String service) {
        return "mpk_" + schema(service) + "_test0000000000";
    }

    public static String secret(String service) {
        return "mps_test_only_secret_for_" + schema(service) + "_0123456789";
    }

    /** The {@code MPAC_PLATFORM_KEYS} value holding all seven. */
    public static String setting() {
        return SCHEMA_OF.keySet().stream().sorted()
                .map(service -> service + ":" + keyId(service) + ":" + secret(service))
                .collect(Collectors.joining(","));
    }

    private static String schema(String service) {
        String schema = SCHEMA_OF.get(service);
        if (schema == null) {
            throw new IllegalArgumentException("Unknown platform service " + service);
        }
        return schema;
    }
}
