package com.mpac.portal.outbox;

/**
 * The associated data each encrypted column binds its ciphertext to ({@code SecretCipher}), in one place because
 * the configuration push decrypts what the registry and the API keys encrypt.
 */
public final class SecretContexts {

    private SecretContexts() {
    }

    public static String mobilePayBioCode(String merchantId) {
        return "merchant:" + merchantId + ":mobilepay_bio_code";
    }

    public static String apiKeySecret(String keyId) {
        return "merchant_api_key:" + keyId;
    }

    public static String webhookEndpointSecret(String endpointId) {
        return "merchant_webhook_endpoint:" + endpointId;
    }

    public static String providerCredentials(String merchantId, String provider) {
        return "merchant_provider_setting:" + merchantId + ":" + provider;
    }

    static String configPush(String merchantId, long version) {
        return "config_push:" + merchantId + ":" + version;
    }
}
