package com.mpac.smarttab.bill;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A bill on the wire. {@code derived_from} and {@code derived_into} are its history: the bill it was split from or
 * the bills combined into it, and the parts or combined bill that replaced it.
 */
record BillResponse(String id, String object, String status, String merchantId, String storeId, String terminalId,
        String customerId, List<String> orderIds, String origin, String splitMode, String currency, BigDecimal total,
        BigDecimal amountPaid, BigDecimal amountPending, BigDecimal amountDue, BigDecimal tips, List<BillItem> items,
        List<String> derivedFrom, List<String> derivedInto, List<String> paymentIds, Instant createdAt,
        Instant updatedAt) {

    static BillResponse of(Bill bill, List<BillItem> items, List<String> derivedFrom, List<String> derivedInto,
            List<String> paymentIds) {
        return new BillResponse(bill.id(), "bill", bill.status().name(), bill.merchantId(), bill.storeId(),
                bill.terminalId(), bill.customerId(), bill.orderIds(), bill.origin(), bill.splitMode(),
                bill.currency(), bill.total(), bill.amountPaid(), bill.amountPending(), bill.amountDue(), bill.tips(),
                items, derivedFrom, derivedInto, paymentIds, bill.createdAt(), bill.updatedAt());
    }
}

/** The answer to a split: the bill that was split (now SPLIT) and its parts. */
record SplitResponse(String object, BillResponse source, List<BillResponse> parts) {
}
