package com.mpac.smarttab.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.TenantScope;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class OrderRepository {

    private static final TypeReference<List<OrderRequests.Modifier>> MODIFIERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String id, String merchantId, @Nullable String pspId, String storeId, @Nullable String terminalId,
            @Nullable String customerId, String currency, @Nullable String notes) {
        jdbc.sql("""
                INSERT INTO orders (id, merchant_id, psp_id, store_id, terminal_id, customer_id, status, currency,
                    subtotal, tax_total, total, notes)
                VALUES (:id, :merchantId, :pspId, :storeId, :terminalId, :customerId, 'OPEN', :currency, 0, 0, 0, :notes)
                """)
                .param("id", id).param("merchantId", merchantId).param("pspId", pspId).param("storeId", storeId)
                .param("terminalId", terminalId).param("customerId", customerId).param("currency", currency)
                .param("notes", notes)
                .update();
    }

    void insertItem(String orderId, OrderItem item) {
        jdbc.sql("""
                INSERT INTO order_item (id, order_id, position, name, sku, quantity, unit_price, modifiers, notes,
                    tax_rate, tax_inclusive, tax, total)
                VALUES (:id, :orderId, :position, :name, :sku, :quantity, :unitPrice, CAST(:modifiers AS jsonb),
                    :notes, :taxRate, :taxInclusive, :tax, :total)
                """)
                .param("id", item.id()).param("orderId", orderId).param("position", item.position())
                .param("name", item.name()).param("sku", item.sku()).param("quantity", item.quantity())
                .param("unitPrice", item.unitPrice()).param("modifiers", json.writeValueAsString(item.modifiers()))
                .param("notes", item.notes()).param("taxRate", item.taxRate())
                .param("taxInclusive", item.taxInclusive()).param("tax", item.tax()).param("total", item.total())
                .update();
    }

    void updateItem(String orderId, OrderItem item) {
        jdbc.sql("""
                UPDATE order_item SET quantity = :quantity, notes = :notes, tax = :tax, total = :total
                WHERE id = :id AND order_id = :orderId
                """)
                .param("id", item.id()).param("orderId", orderId).param("quantity", item.quantity())
                .param("notes", item.notes()).param("tax", item.tax()).param("total", item.total())
                .update();
    }

    void deleteItem(String orderId, String itemId) {
        jdbc.sql("DELETE FROM order_item WHERE id = :id AND order_id = :orderId")
                .param("id", itemId).param("orderId", orderId).update();
    }

    void updateHeader(String id, Pricing.Totals totals, @Nullable String notes, @Nullable String customerId) {
        jdbc.sql("""
                UPDATE orders SET subtotal = :subtotal, tax_total = :taxTotal, total = :total, notes = :notes,
                    customer_id = :customerId, updated_at = clock_timestamp()
                WHERE id = :id
                """)
                .param("id", id).param("subtotal", totals.subtotal()).param("taxTotal", totals.taxTotal())
                .param("total", totals.total()).param("notes", notes).param("customerId", customerId)
                .update();
    }

    void cancel(String id, String reason) {
        jdbc.sql("""
                UPDATE orders SET status = 'CANCELED', cancel_reason = :reason, updated_at = clock_timestamp()
                WHERE id = :id
                """).param("id", id).param("reason", reason).update();
    }

    /** Voids the order's bills that were never paid (the cancel checked there are no others). */
    void voidUnpaidBills(String orderId) {
        jdbc.sql("""
                UPDATE bill SET status = 'VOID', updated_at = clock_timestamp()
                WHERE :orderId = ANY(order_ids) AND status = 'OPEN'
                """).param("orderId", orderId).update();
    }

    /** Whether a live (unpaid) bill holding the order holds other orders too: a combined bill. */
    boolean inLiveCombinedBill(String orderId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM bill WHERE :orderId = ANY(order_ids)
                    AND status IN ('OPEN', 'PARTIALLY_PAID') AND cardinality(order_ids) > 1)
                """).param("orderId", orderId).query(Boolean.class).single();
    }

    /** Whether any bill holding the order has money on it, paid or being paid. */
    boolean hasMoneyOnBills(String orderId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM bill WHERE :orderId = ANY(order_ids)
                    AND (amount_paid > 0 OR amount_pending > 0))
                """).param("orderId", orderId).query(Boolean.class).single();
    }

    Optional<Order> find(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM orders WHERE id = :id AND " + scope.condition())
                .param("id", id).params(scope.params()).query(OrderRepository::map).optional();
    }

    /** The order under its row lock: every change to an order and its items is serialised on it. */
    Optional<Order> lock(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM orders WHERE id = :id AND " + scope.condition() + " FOR UPDATE")
                .param("id", id).params(scope.params()).query(OrderRepository::map).optional();
    }

    List<OrderItem> items(String orderId, String currency) {
        return jdbc.sql("SELECT * FROM order_item WHERE order_id = :orderId ORDER BY position")
                .param("orderId", orderId)
                .query((rs, row) -> new OrderItem(rs.getString("id"), rs.getInt("position"), rs.getString("name"),
                        rs.getString("sku"), rs.getInt("quantity"),
                        Money.stored(rs.getBigDecimal("unit_price"), currency),
                        json.readValue(rs.getString("modifiers"), MODIFIERS), rs.getString("notes"),
                        rs.getBigDecimal("tax_rate").stripTrailingZeros(), rs.getBoolean("tax_inclusive"),
                        Money.stored(rs.getBigDecimal("tax"), currency),
                        Money.stored(rs.getBigDecimal("total"), currency)))
                .list();
    }

    List<String> billIds(String orderId) {
        return jdbc.sql("SELECT id FROM bill WHERE :orderId = ANY(order_ids) ORDER BY seq")
                .param("orderId", orderId).query(String.class).list();
    }

    boolean customerVisible(String customerId, TenantScope merchantWide) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM customer WHERE id = :id AND " + merchantWide.condition() + ")")
                .param("id", customerId).params(merchantWide.params()).query(Boolean.class).single();
    }

    record Filter(@Nullable OrderStatus status, @Nullable String storeId, @Nullable String terminalId,
            @Nullable String customerId, @Nullable Instant createdFrom, @Nullable Instant createdTo, long below,
            int limit) {
    }

    List<Order> list(TenantScope scope, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE ").append(scope.condition())
                .append(" AND seq < :below");
        List<String> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("status = :status");
        }
        if (filter.storeId() != null) {
            conditions.add("store_id = :storeId");
        }
        if (filter.terminalId() != null) {
            conditions.add("terminal_id = :terminalId");
        }
        if (filter.customerId() != null) {
            conditions.add("customer_id = :customerId");
        }
        if (filter.createdFrom() != null) {
            conditions.add("created_at >= :createdFrom");
        }
        if (filter.createdTo() != null) {
            conditions.add("created_at < :createdTo");
        }
        conditions.forEach(condition -> sql.append(" AND ").append(condition));
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        return jdbc.sql(sql.toString()).params(scope.params())
                .param("below", filter.below()).param("limit", filter.limit() + 1)
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("storeId", filter.storeId()).param("terminalId", filter.terminalId())
                .param("customerId", filter.customerId())
                .param("createdFrom", timestamp(filter.createdFrom()))
                .param("createdTo", timestamp(filter.createdTo()))
                .query(OrderRepository::map).list();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Order(rs.getString("id"), rs.getLong("seq"), rs.getString("merchant_id"), rs.getString("psp_id"),
                rs.getString("store_id"), rs.getString("terminal_id"), rs.getString("customer_id"),
                OrderStatus.valueOf(rs.getString("status")), currency, amount(rs, "subtotal", currency),
                amount(rs, "tax_total", currency), amount(rs, "total", currency), rs.getString("notes"),
                rs.getString("cancel_reason"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static BigDecimal amount(ResultSet rs, String column, String currency) throws SQLException {
        return Money.stored(rs.getBigDecimal(column), currency);
    }
}
