package com.mpac.contracts.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final SecretCipher cipher = new SecretCipher(KEY);

    @Test
    void shouldRoundTripAndNeverRepeatACiphertext() {
        String first = cipher.encrypt("whsec_abc", "endpoint:we_1");
        String second = cipher.encrypt("whsec_abc", "endpoint:we_1");

        assertThat(first).startsWith("v1.").doesNotContain("whsec_abc").isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "endpoint:we_1")).isEqualTo("whsec_abc");
        assertThat(cipher.decrypt(second, "endpoint:we_1")).isEqualTo("whsec_abc");
    }

    @Test
    void shouldRefuseACiphertextMovedToAnotherContextOrTamperedWith() {
        String stored = cipher.encrypt("secret", "key:a");
        // A character inside the text, not the last one: that one may carry only padding bits the decoder ignores.
        int at = stored.length() / 2;
        String tampered = stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);

        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(stored, "key:b"));
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(tampered, "key:a"));
        assertThatIllegalStateException().isThrownBy(
                () -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                        11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }))
                        .decrypt(stored, "key:a"));
    }

    @Test
    void shouldRejectAMasterKeyOfTheWrongSize() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher("c2hvcnQ="))
                .withMessageContaining("32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher("not base64 !!"));
    }
}
