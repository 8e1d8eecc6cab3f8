package com.mpac.contracts.hmac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PlatformKeysTests {

    @Test
    void shouldParseServicesKeysAndRotatingSecrets() {
        PlatformKeys keys = PlatformKeys.parse("svc-portal:mpk_portal_1:s1|s2, mpac-pgw:mpk_pgw_1:s3");

        HmacKey portal = keys.resolve("mpk_portal_1").orElseThrow();
        assertThat(portal.secrets()).containsExactly("s1", "s2");
        assertThat(portal.signingSecret()).isEqualTo("s1");
        assertThat(portal.caller()).isEqualTo(new HmacCaller(HmacCaller.Kind.PLATFORM, "svc-portal", "mpk_portal_1"));
        assertThat(keys.keyOf("mpac-pgw").orElseThrow().keyId()).isEqualTo("mpk_pgw_1");
        assertThat(keys.resolve("mpk_unknown")).isEmpty();
    }

    @Test
    void shouldTreatAnEmptySettingAsNoKeys() {
        assertThat(PlatformKeys.parse("").resolve("anything")).isEmpty();
        assertThat(PlatformKeys.parse(null).keyOf("svc-portal")).isEmpty();
    }

    @Test
    void shouldRejectMalformedEntriesWithoutEchoingSecrets() {
        assertThatIllegalArgumentException().isThrownBy(() -> PlatformKeys.parse("svc-portal:mpk_1"))
                .withMessageNotContaining("mpk_1");
        assertThatIllegalArgumentException().isThrownBy(() -> PlatformKeys.parse("a:k:verysecret,b:k:other"))
                .withMessageContaining("twice").withMessageNotContaining("verysecret");
        assertThatIllegalArgumentException().isThrownBy(() -> PlatformKeys.parse("a:k:|"));
    }

    @Test
    void shouldNotPrintSecretsInToString() {
        HmacKey key = PlatformKeys.parse("svc-portal:mpk_portal_1:topsecret").resolve("mpk_portal_1").orElseThrow();

        assertThat(key.toString()).doesNotContain("topsecret").contains("mpk_portal_1");
    }
}
