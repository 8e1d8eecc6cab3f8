package com.mpac.smarttab.order;

import java.util.Map;
import java.util.Set;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;

import org.springframework.http.HttpStatus;

/** An order's lifecycle, every transition in one place: items change only while OPEN. */
public enum OrderStatus {
    OPEN, BILLED, PAID, CANCELED;

    static final ProblemType UNEXPECTED_STATE = new ProblemType("order_unexpected_state", HttpStatus.CONFLICT,
            "The order is not in a state that allows this");

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            OPEN, Set.of(BILLED, CANCELED),
            // A billed order reopens when its untouched bill is voided, is paid, or is canceled with it.
            BILLED, Set.of(PAID, CANCELED, OPEN),
            PAID, Set.of(),
            CANCELED, Set.of());

    public boolean canMoveTo(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** @throws ApiException 409 {@code order_unexpected_state} with the current status */
    public void requireMoveTo(OrderStatus next) {
        if (!canMoveTo(next)) {
            throw new ApiException(UNEXPECTED_STATE, "An order that is " + this + " cannot become " + next + ".",
                    Map.of("order_status", name()));
        }
    }
}
