package com.mpac.portal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.testsupport.TestPlatformKeys;

class ProvisioningActivationCodesTests {

    final ActivationCodes codes = new ActivationCodes(TestPlatformKeys.MASTER_KEY);

    @Test
    void shouldDrawEightCharactersFromTheUnambiguousAlphabet() {
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = codes.generate();
            assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
            drawn.add(code);
        }
        assertThat(drawn).hasSize(2000);
        assertThat(ActivationCodes.ALPHABET).doesNotContain("0", "O", "1", "I", "L").hasSize(31);
    }

    @Test
    void shouldDisplayAndNormaliseAsPeopleTypeIt() {
        assertThat(ActivationCodes.display("7KQM4XWP")).isEqualTo("7KQM-4XWP");
        assertThat(ActivationCodes.normalize("7kqm-4xwp")).contains("7KQM4XWP");
        assertThat(ActivationCodes.normalize(" 7KQM 4XWP ")).contains("7KQM4XWP");
        assertThat(ActivationCodes.normalize("7KQM-4XW0")).isEmpty();
        assertThat(ActivationCodes.normalize("7KQM-4XW")).isEmpty();
        assertThat(ActivationCodes.normalize("7KQM-4XWPP")).isEmpty();
        assertThat(ActivationCodes.prefix("7KQM4XWP")).isEqualTo("7K");
    }

    @Test
    void shouldHashWithAKeyDerivedFromTheMasterKey() {
        String hash = codes.hash("7KQM4XWP");

        assertThat(hash).hasSize(64).isEqualTo(codes.hash("7KQM4XWP")).isNotEqualTo(codes.hash("7KQM4XWQ"));
        assertThat(hash).isNotEqualTo(Sha256.hex("7KQM4XWP".getBytes(StandardCharsets.UTF_8)));
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(new ActivationCodes(otherKey).hash("7KQM4XWP")).isNotEqualTo(hash);
    }
}
