package com.mpac.mia.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivationStateTests {

    @Test
    void shouldLeavePendingOnlyForActiveOrLockedAndNeverLeaveLockedOrRevoked() {
        assertThat(ActivationState.PENDING.canBecome(ActivationState.ACTIVE)).isTrue();
        assertThat(ActivationState.PENDING.canBecome(ActivationState.LOCKED)).isTrue();
        assertThat(ActivationState.PENDING.canBecome(ActivationState.REVOKED)).isFalse();
        assertThat(ActivationState.ACTIVE.canBecome(ActivationState.REVOKED)).isTrue();
        assertThat(ActivationState.ACTIVE.canBecome(ActivationState.PENDING)).isFalse();
        for (ActivationState next : ActivationState.values()) {
            assertThat(ActivationState.LOCKED.canBecome(next)).isFalse();
            assertThat(ActivationState.REVOKED.canBecome(next)).isFalse();
        }
    }
}
