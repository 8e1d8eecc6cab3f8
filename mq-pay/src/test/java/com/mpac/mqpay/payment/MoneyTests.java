package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.mpac.mqpay.error.MqPayException;

class MoneyTests {

    @Test
    void shouldKeepWholeDongAtScaleZeroAndWriteFourDecimals() {
        assertThat(Money.vnd(new BigDecimal("100000"), "total")).isEqualTo(new BigDecimal("100000"));
        assertThat(Money.vnd(new BigDecimal("100000.0000"), "total").scale()).isZero();
        assertThat(Money.vnd(new BigDecimal("1E+5"), "total")).isEqualTo(new BigDecimal("100000"));
        assertThat(Money.wire(new BigDecimal("100000"))).isEqualTo("100000.0000");
        assertThat(Money.wire(BigDecimal.ZERO)).isEqualTo("0.0000");
    }

    @Test
    void shouldRefuseFractionsZeroNegativeAndHugeAmounts() {
        for (String bad : new String[] { "0.5", "100000.01", "0", "-1", "1000000000000", "1E+20" }) {
            assertThatThrownBy(() -> Money.vnd(new BigDecimal(bad), "total")).as(bad)
                    .isInstanceOf(MqPayException.class);
        }
        assertThatThrownBy(() -> Money.vnd(null, "total")).isInstanceOf(MqPayException.class);
        assertThat(Money.vnd(new BigDecimal("999999999999"), "total")).isEqualTo(Money.MAX);
    }
}
