package com.mpac.mqpay.vnpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VnpayChecksumTests {

    // Expected values computed independently: md5("00|1|ATT000001|...|vnpay-secret") in Python's hashlib.
    private static final VnpayIpn IPN = new VnpayIpn("00", "Tru tien thanh cong", "1", "ATT000001", "000098469",
            "NCB", "0912345678", "", "60000", "20260115103500", "A000000775", "MC12345678", "POS01", null,
            "9806BC882F34C64CD5C11719A221D7D1", "704", "VNPAY");

    @Test
    void shouldBeTheUppercaseMd5OfTheFieldsJoinedWithPipesAndTheSecret() {
        assertThat(VnpayChecksum.of(IPN, "vnpay-secret")).isEqualTo("9806BC882F34C64CD5C11719A221D7D1");
    }

    @Test
    void shouldMatchVnpaysPublishedFieldOrderWithNullsAsEmpty() {
        VnpayIpn sample = new VnpayIpn("00", null, "1", "50141", "000098469", "VIETCOMBANK", "0989511021", null,
                "1000000", "20180807164732", "A000000775", "0311609355", "FPT02", null, null, "704", null);

        assertThat(VnpayChecksum.of(sample, "VNPAY_SECRET")).isEqualTo("3BB8484D312C12EE85B81B1E732E5F8E");
    }

    @Test
    void shouldAcceptOnlyTheRightSecretAndUntamperedFields() {
        VnpayIpn tampered = new VnpayIpn("00", "x", "1", "ATT000001", "000098469", "NCB", "0912345678", "", "600000",
                "20260115103500", "A000000775", "MC12345678", "POS01", null, IPN.checksum(), "704", "VNPAY");
        VnpayIpn lowercase = new VnpayIpn("00", "x", "1", "ATT000001", "000098469", "NCB", "0912345678", "", "60000",
                "20260115103500", "A000000775", "MC12345678", "POS01", null, IPN.checksum().toLowerCase(), "704", "");
        VnpayIpn missing = new VnpayIpn("00", "x", "1", "ATT000001", "000098469", "NCB", "0912345678", "", "60000",
                "20260115103500", "A000000775", "MC12345678", "POS01", null, null, "704", "");

        assertThat(VnpayChecksum.matches(IPN, "vnpay-secret")).isTrue();
        assertThat(VnpayChecksum.matches(lowercase, "vnpay-secret")).isTrue();
        assertThat(VnpayChecksum.matches(IPN, "another-secret")).isFalse();
        assertThat(VnpayChecksum.matches(tampered, "vnpay-secret")).isFalse();
        assertThat(VnpayChecksum.matches(missing, "vnpay-secret")).isFalse();
    }
}
