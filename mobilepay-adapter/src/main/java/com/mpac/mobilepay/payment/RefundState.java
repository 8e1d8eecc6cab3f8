package com.mpac.mobilepay.payment;

import java.util.EnumSet;
import java.util.Set;

/** A refund's lifecycle: created (Initiated), then Captured (money returned) or Cancelled. */
public enum RefundState {
    Initiated, Captured, Cancelled;

    public Set<RefundState> next() {
        return this == Initiated ? EnumSet.of(Captured, Cancelled) : EnumSet.noneOf(RefundState.class);
    }
}
