package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QrStateTests {

    @Test
    void shouldLeaveActiveOnlyAndNeverComeBack() {
        for (QrState next : QrState.values()) {
            assertThat(QrState.active.canBecome(next)).isEqualTo(next != QrState.active);
            assertThat(QrState.paid.canBecome(next)).isFalse();
            assertThat(QrState.cancelled.canBecome(next)).isFalse();
            assertThat(QrState.expired.canBecome(next)).isFalse();
        }
        for (ExtensionState next : ExtensionState.values()) {
            assertThat(ExtensionState.active.canBecome(next)).isEqualTo(next != ExtensionState.active);
            assertThat(ExtensionState.paid.canBecome(next)).isFalse();
            assertThat(ExtensionState.expired.canBecome(next)).isFalse();
        }
    }
}
