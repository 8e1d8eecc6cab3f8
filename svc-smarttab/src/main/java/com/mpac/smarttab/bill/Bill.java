package com.mpac.smarttab.bill;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

record Bill(String id, long seq, String merchantId, @Nullable String pspId, String storeId,
        @Nullable String terminalId, @Nullable String customerId, List<String> orderIds, BillStatus status,
        String origin, @Nullable String splitMode, String currency, BigDecimal total, BigDecimal amountPaid,
        BigDecimal amountPending, BigDecimal tips, Instant createdAt, Instant updatedAt) {

    BigDecimal amountDue() {
        return total.subtract(amountPaid).subtract(amountPending);
    }

    boolean untouched() {
        return status == BillStatus.OPEN && amountPaid.signum() == 0 && amountPending.signum() == 0;
    }
}

/** One order item on a bill, with its amount (the order line's total). */
record BillItem(String orderItemId, String orderId, String name, int quantity, BigDecimal amount) {
}
