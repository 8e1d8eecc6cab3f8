package com.mpac.smarttab.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

record Order(String id, long seq, String merchantId, @Nullable String pspId, String storeId,
        @Nullable String terminalId, @Nullable String customerId, OrderStatus status, String currency,
        BigDecimal subtotal, BigDecimal taxTotal, BigDecimal total, @Nullable String notes,
        @Nullable String cancelReason, Instant createdAt, Instant updatedAt) {
}

record OrderItem(String id, int position, String name, @Nullable String sku, int quantity, BigDecimal unitPrice,
        List<OrderRequests.Modifier> modifiers, @Nullable String notes, BigDecimal taxRate, boolean taxInclusive,
        BigDecimal tax, BigDecimal total) {
}
