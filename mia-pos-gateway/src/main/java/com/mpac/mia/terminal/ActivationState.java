package com.mpac.mia.terminal;

import java.util.Set;

/** The life of a terminal-to-device binding; the allowed transitions in one place. */
enum ActivationState {
    PENDING, ACTIVE, LOCKED, REVOKED;

    boolean canBecome(ActivationState next) {
        return switch (this) {
            case PENDING -> Set.of(ACTIVE, LOCKED).contains(next);
            case ACTIVE -> next == REVOKED;
            case LOCKED, REVOKED -> false;
        };
    }
}
