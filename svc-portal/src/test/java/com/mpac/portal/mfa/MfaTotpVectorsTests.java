package com.mpac.portal.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Both TOTP implementations against RFC 6238's published SHA-1 test vectors (appendix B). */
class MfaTotpVectorsTests {

    private static final byte[] SECRET = Rfc6238.ascii("12345678901234567890");

    @ParameterizedTest
    @CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130" })
    void shouldMatchTheRfcVectors(long seconds, String expected) {
        assertThat(Rfc6238.totp(SECRET, seconds, 8)).isEqualTo(expected);
        assertThat(Rfc6238.totp(SECRET, seconds, 6)).isEqualTo(expected.substring(2));
        assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(expected.substring(2));
    }

    @Test
    void shouldRoundTripSecretsThroughBase32() {
        // RFC 4648 section 10 vector, and the RFC 6238 secret as authenticator apps receive it.
        assertThat(Totp.base32("foobar".getBytes())).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Rfc6238.base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(SECRET);
        assertThat(Totp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(SECRET);
    }

    @Test
    void shouldMatchOnlyWithinOneStepEitherWay() {
        long step = 1_000_000L;
        assertThat(Totp.matchingStep(SECRET, Rfc6238.generate(SECRET, step - 1, 6), step)).hasValue(step - 1);
        assertThat(Totp.matchingStep(SECRET, Rfc6238.generate(SECRET, step, 6), step)).hasValue(step);
        assertThat(Totp.matchingStep(SECRET, Rfc6238.generate(SECRET, step + 1, 6), step)).hasValue(step + 1);
        assertThat(Totp.matchingStep(SECRET, Rfc6238.generate(SECRET, step - 2, 6), step)).isEmpty();
        assertThat(Totp.matchingStep(SECRET, Rfc6238.generate(SECRET, step + 2, 6), step)).isEmpty();
    }

    @Test
    void shouldReadRecoveryCodesForgivingly() {
        assertThat(MfaFactors.normaliseRecoveryCode("ABCD-EFGH-1JK0-MNPQ"))
                .isEqualTo(MfaFactors.normaliseRecoveryCode("abcd efgh ijko mnpq"));
    }
}
