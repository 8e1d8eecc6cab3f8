package com.mpac.mobilepay.payment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The document's eleven payment states and, in one place, which state may follow which. Every change of state is a
 * conditional update {@code WHERE state IN (sourcesOf(target))}, so two concurrent changes cannot both win.
 */
public enum PaymentState {
    Initiated, Prepared, Paired, IssuedToUser, Reserved, Captured, CancelledByUser, CancelledByClient,
    CancelledByMobilePay, ExpiredAndCancelled, RejectedByMobilePayDueToAgeRestrictions;

    /** Active states: at most one payment per PoS is in one of them (the document's "active payment"). */
    public static final Set<PaymentState> ACTIVE = EnumSet.of(Prepared, Initiated, Paired, IssuedToUser, Reserved);

    /** Still waiting for the shopper: these expire. */
    public static final Set<PaymentState> UNANSWERED = EnumSet.of(Prepared, Initiated, Paired, IssuedToUser);

    public Set<PaymentState> next() {
        return switch (this) {
            case Prepared -> EnumSet.of(Initiated, Paired, CancelledByClient, CancelledByMobilePay,
                    ExpiredAndCancelled);
            case Initiated -> EnumSet.of(Paired, CancelledByClient, CancelledByMobilePay, ExpiredAndCancelled);
            case Paired -> EnumSet.of(IssuedToUser, CancelledByUser, CancelledByClient, CancelledByMobilePay,
                    ExpiredAndCancelled);
            case IssuedToUser -> EnumSet.of(Reserved, CancelledByUser, RejectedByMobilePayDueToAgeRestrictions,
                    CancelledByClient, CancelledByMobilePay, ExpiredAndCancelled);
            case Reserved -> EnumSet.of(Captured, CancelledByClient, CancelledByMobilePay);
            default -> EnumSet.noneOf(PaymentState.class);
        };
    }

    public boolean canMoveTo(PaymentState target) {
        return next().contains(target);
    }

    /** The states a payment may be in to move to {@code target}, as names for SQL. */
    public static List<String> sourcesOf(PaymentState target) {
        return Arrays.stream(values()).filter(s -> s.canMoveTo(target)).map(Enum::name).toList();
    }

    public static List<String> names(Set<PaymentState> states) {
        return states.stream().map(Enum::name).toList();
    }
}
