package com.mpac.portal.registry;

import java.util.Set;

/**
 * A merchant's lifecycle: ACTIVE and SUSPENDED go back and forth; CLOSED is final. Every status change goes through
 * {@link #canBecome}; anything else is answered 409.
 */
enum MerchantStatus {
    ACTIVE, SUSPENDED, CLOSED;

    boolean canBecome(MerchantStatus next) {
        return this == next || switch (this) {
            case ACTIVE -> Set.of(SUSPENDED, CLOSED).contains(next);
            case SUSPENDED -> Set.of(ACTIVE, CLOSED).contains(next);
            case CLOSED -> false;
        };
    }
}
