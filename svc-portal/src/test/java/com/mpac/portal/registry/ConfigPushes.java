package com.mpac.portal.registry;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.testsupport.TestPlatformKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the configuration outbox holds for a merchant, decrypted, as a receiver would get it. */
public final class ConfigPushes {

    private static final SecretCipher CIPHER = new SecretCipher(TestPlatformKeys.MASTER_KEY);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConfigPushes() {
    }

    public static JsonNode latest(JdbcClient jdbc, String merchantId) {
        long version = jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id")
                .param("id", merchantId).query(Long.class).single();
        return version(jdbc, merchantId, version);
    }

    public static JsonNode version(JdbcClient jdbc, String merchantId, long version) {
        String payload = jdbc.sql("SELECT payload FROM config_push WHERE merchant_id = :id AND version = :version")
                .param("id", merchantId).param("version", version).query(String.class).single();
        return JSON.readTree(CIPHER.decrypt(payload, "config_push:" + merchantId + ":" + version));
    }
}
