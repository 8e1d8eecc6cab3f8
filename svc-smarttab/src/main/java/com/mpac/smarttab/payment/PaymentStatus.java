package com.mpac.smarttab.payment;

import java.util.Map;
import java.util.Set;

/**
 * A payment's lifecycle. Cash succeeds at once; card and QR stay PENDING until the gateway's outcome arrives
 * (webhook, the answer to confirm, or the poll), which moves them once and for good.
 */
enum PaymentStatus {
    PENDING, SUCCEEDED, FAILED;

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = Map.of(
            PENDING, Set.of(SUCCEEDED, FAILED),
            SUCCEEDED, Set.of(),
            FAILED, Set.of());

    boolean canMoveTo(PaymentStatus next) {
        return NEXT.get(this).contains(next);
    }
}
