package com.mpac.pgw.provider.paypay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PayPayAuthTests {

    private static final String CONTENT_TYPE = "application/json;charset=UTF-8;";
    private static final byte[] BODY = ("{\"sampleRequestBodyKey1\":\"sampleRequestBodyValue1\","
            + "\"sampleRequestBodyKey2\":\"sampleRequestBodyValue2\"}").getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReproducePayPaysPublishedExample() {
        String header = PayPayAuth.header("APIKeyGenerated", "APIKeySecretGenerated", "POST", "/v2/codes", CONTENT_TYPE,
                BODY, "acd028", 1579843452L);

        assertThat(header).isEqualTo("hmac OPA-Auth:APIKeyGenerated:NW1jKIMnzR7tEhMWtcJcaef+nFVBt7jjAGcVuxHhchc="
                + ":acd028:1579843452:1j0FnY4flNp5CtIKa7x9MQ==");
    }

    @Test
    void shouldVerifyOnlyTheRequestThatWasSigned() {
        String header = PayPayAuth.header("key", "secret", "GET", "/v2/codes/payments/txn_1", null, null, "n0nce", 1L);
        PayPayAuth.Parts parts = PayPayAuth.parse(header).orElseThrow();

        assertThat(header).endsWith(":n0nce:1:empty");
        assertThat(parts.verifies("secret", "GET", "/v2/codes/payments/txn_1", null, null)).isTrue();
        assertThat(parts.verifies("other", "GET", "/v2/codes/payments/txn_1", null, null)).isFalse();
        assertThat(parts.verifies("secret", "GET", "/v2/codes/payments/txn_2", null, null)).isFalse();
        assertThat(parts.verifies("secret", "DELETE", "/v2/codes/payments/txn_1", null, null)).isFalse();
        assertThat(PayPayAuth.parse("hmac OPA-Auth:a:b:c")).isEmpty();
        assertThat(PayPayAuth.parse("Bearer x")).isEmpty();
    }
}
