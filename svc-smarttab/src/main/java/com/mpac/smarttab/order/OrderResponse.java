package com.mpac.smarttab.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order on the wire; amounts in the currency's scale, every total computed by the server. */
record OrderResponse(String id, String object, String status, String merchantId, String storeId, String terminalId,
        String customerId, String currency, List<OrderItem> items, BigDecimal subtotal, BigDecimal taxTotal,
        BigDecimal total, String notes, String cancelReason, List<String> billIds, Instant createdAt,
        Instant updatedAt) {

    static OrderResponse of(Order order, List<OrderItem> items, List<String> billIds) {
        return new OrderResponse(order.id(), "order", order.status().name(), order.merchantId(), order.storeId(),
                order.terminalId(), order.customerId(), order.currency(), items, order.subtotal(), order.taxTotal(),
                order.total(), order.notes(), order.cancelReason(), billIds, order.createdAt(), order.updatedAt());
    }
}
