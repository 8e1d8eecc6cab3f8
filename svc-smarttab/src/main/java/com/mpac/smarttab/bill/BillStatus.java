package com.mpac.smarttab.bill;

import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;

/**
 * A bill's lifecycle, every transition in one place. Money moves it OPEN → PARTIALLY_PAID → PAID; only an untouched
 * OPEN bill is split (into parts), combined (into one bill) or voided (its order canceled).
 */
public enum BillStatus {
    OPEN, PARTIALLY_PAID, PAID, SPLIT, COMBINED, VOID;

    static final ProblemType UNEXPECTED_STATE = new ProblemType("bill_unexpected_state", HttpStatus.CONFLICT,
            "The bill is not in a state that allows this");

    private static final Map<BillStatus, Set<BillStatus>> NEXT = Map.of(
            OPEN, Set.of(PARTIALLY_PAID, PAID, SPLIT, COMBINED, VOID),
            PARTIALLY_PAID, Set.of(PAID),
            PAID, Set.of(),
            SPLIT, Set.of(),
            COMBINED, Set.of(),
            VOID, Set.of());

    public boolean canMoveTo(BillStatus next) {
        return this == next || NEXT.get(this).contains(next);
    }

    /** @throws ApiException 409 {@code bill_unexpected_state} with the current status */
    public void requireMoveTo(BillStatus next) {
        if (!canMoveTo(next)) {
            throw new ApiException(UNEXPECTED_STATE, "A bill that is " + this + " cannot become " + next + ".",
                    Map.of("bill_status", name()));
        }
    }

    /** Whether money may be taken on a bill in this state. */
    public boolean payable() {
        return this == OPEN || this == PARTIALLY_PAID;
    }
}
