package com.mpac.smarttab.bill;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.TenantScope;

import org.springframework.http.HttpStatus;

/**
 * The money on bills, for payments: each call runs inside the caller's transaction, under the row locks of the
 * bill's orders and then the bill's (the one lock order of SmartTab, so payments and cancels never deadlock). A
 * payment first reserves its amount (pending), then succeeds (paid) or fails (released); a bill can never be paid
 * beyond its total, whatever runs at once.
 */
@Service
public class BillLedger {

    public static final ProblemType OVERPAYMENT = new ProblemType("bill_overpayment", HttpStatus.CONFLICT,
            "The payment is more than the bill has left to pay");

    private final BillRepository bills;

    BillLedger(BillRepository bills) {
        this.bills = bills;
    }

    /** What a payment needs to know of its bill. */
    public record PayableBill(String id, String merchantId, @Nullable String pspId, String storeId,
            @Nullable String terminalId, String currency, BigDecimal amountDue) {
    }

    /**
     * Locks the bill and reserves {@code amount} of it, or {@code null} to reserve all that is due.
     *
     * @throws ApiException 404 for a bill outside {@code scope}, 409 for a bill that takes no payment or has less due
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PayableBill reserve(String billId, TenantScope scope, @Nullable BigDecimal amount) {
        bills.lockOrdersOf(billId);
        Bill bill = bills.lock(billId, scope).orElseThrow(() -> BillService.notFound(billId));
        if (!bill.status().payable()) {
            throw new ApiException(BillStatus.UNEXPECTED_STATE, "A bill that is " + bill.status()
                    + " takes no payment.", Map.of("bill_status", bill.status().name()));
        }
        BigDecimal reserved = amount == null ? bill.amountDue() : Money.positive(amount, bill.currency(), "amount");
        if (reserved.signum() <= 0 || reserved.compareTo(bill.amountDue()) > 0) {
            throw new ApiException(OVERPAYMENT, "The bill has " + bill.amountDue().toPlainString() + " "
                    + bill.currency() + " left to pay (payments in progress count).",
                    Map.of("amount_due", bill.amountDue()));
        }
        bills.moveMoney(billId, reserved, BigDecimal.ZERO, BigDecimal.ZERO, bill.status());
        return new PayableBill(bill.id(), bill.merchantId(), bill.pspId(), bill.storeId(), bill.terminalId(),
                bill.currency(), reserved);
    }

    /** A reserved amount was paid: the bill moves to PARTIALLY_PAID or PAID, and the tip is recorded apart. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void paid(String billId, BigDecimal amount, BigDecimal tip) {
        bills.lockOrdersOf(billId);
        Bill bill = bills.lock(billId, all()).orElseThrow(() -> BillService.notFound(billId));
        BigDecimal paid = bill.amountPaid().add(amount);
        BillStatus next = paid.compareTo(bill.total()) == 0 ? BillStatus.PAID : BillStatus.PARTIALLY_PAID;
        bill.status().requireMoveTo(next);
        bills.moveMoney(billId, amount.negate(), amount, tip, next);
        if (next == BillStatus.PAID) {
            bills.markOrdersPaidWhereFullyPaid(bill.orderIds());
        }
    }

    /** A reserved amount was not paid (declined, canceled): it is due again. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void released(String billId, BigDecimal amount) {
        bills.lockOrdersOf(billId);
        Bill bill = bills.lock(billId, all()).orElseThrow(() -> BillService.notFound(billId));
        bills.moveMoney(billId, amount.negate(), BigDecimal.ZERO, BigDecimal.ZERO, bill.status());
    }

    private static TenantScope all() {
        return new TenantScope(null, null, null, true);
    }
}
