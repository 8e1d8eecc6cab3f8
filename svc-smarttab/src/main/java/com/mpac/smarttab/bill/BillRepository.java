package com.mpac.smarttab.bill;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.TenantScope;

@Repository
class BillRepository {

    private final JdbcClient jdbc;

    BillRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record OrderRow(String id, String merchantId, @Nullable String pspId, String storeId, @Nullable String terminalId,
            @Nullable String customerId, String status, String currency, BigDecimal total) {
    }

    Optional<OrderRow> lockOrder(String orderId, TenantScope scope) {
        return jdbc.sql("SELECT * FROM orders WHERE id = :id AND " + scope.condition() + " FOR UPDATE")
                .param("id", orderId).params(scope.params())
                .query((rs, row) -> new OrderRow(rs.getString("id"), rs.getString("merchant_id"),
                        rs.getString("psp_id"), rs.getString("store_id"), rs.getString("terminal_id"),
                        rs.getString("customer_id"), rs.getString("status"), rs.getString("currency"),
                        Money.stored(rs.getBigDecimal("total"), rs.getString("currency"))))
                .optional();
    }

    void markOrderBilled(String orderId) {
        jdbc.sql("UPDATE orders SET status = 'BILLED', updated_at = clock_timestamp() WHERE id = :id")
                .param("id", orderId).update();
    }

    /**
     * Locks the orders a bill holds, in id order, before the bill itself: every path that locks orders and bills
     * takes them order first (as cancelling an order does), so two of them never deadlock, and two last parts paid
     * at once are serialised on their order, the second seeing the first paid.
     */
    void lockOrdersOf(String billId) {
        jdbc.sql("""
                SELECT o.id FROM orders o
                WHERE o.id = ANY(SELECT unnest(order_ids) FROM bill WHERE id = :billId)
                ORDER BY o.id FOR UPDATE OF o
                """).param("billId", billId).query(String.class).list();
    }

    /** Orders of a bill just paid whose every live bill is paid now; the caller holds the orders' row locks. */
    void markOrdersPaidWhereFullyPaid(List<String> orderIds) {
        jdbc.sql("""
                UPDATE orders o SET status = 'PAID', updated_at = clock_timestamp()
                WHERE o.id = ANY(:ids) AND o.status = 'BILLED'
                  AND NOT EXISTS (SELECT 1 FROM bill b WHERE o.id = ANY(b.order_ids)
                                  AND b.status IN ('OPEN', 'PARTIALLY_PAID'))
                """).param("ids", orderIds.toArray(String[]::new)).update();
    }

    boolean customerVisible(String customerId, TenantScope merchantWide) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM customer WHERE id = :id AND " + merchantWide.condition() + ")")
                .param("id", customerId).params(merchantWide.params()).query(Boolean.class).single();
    }

    void insert(String id, String merchantId, @Nullable String pspId, String storeId, @Nullable String terminalId,
            @Nullable String customerId, List<String> orderIds, String origin, @Nullable String splitMode,
            String currency, BigDecimal total) {
        jdbc.sql("""
                INSERT INTO bill (id, merchant_id, psp_id, store_id, terminal_id, customer_id, order_ids, status,
                    origin, split_mode, currency, total)
                VALUES (:id, :merchantId, :pspId, :storeId, :terminalId, :customerId, :orderIds, 'OPEN', :origin,
                    :splitMode, :currency, :total)
                """)
                .param("id", id).param("merchantId", merchantId).param("pspId", pspId).param("storeId", storeId)
                .param("terminalId", terminalId).param("customerId", customerId)
                .param("orderIds", orderIds.toArray(String[]::new)).param("origin", origin)
                .param("splitMode", splitMode).param("currency", currency).param("total", total)
                .update();
    }

    void insertItems(String billId, List<String> orderItemIds) {
        for (int i = 0; i < orderItemIds.size(); i++) {
            jdbc.sql("INSERT INTO bill_item (bill_id, order_item_id, position) VALUES (:billId, :itemId, :position)")
                    .param("billId", billId).param("itemId", orderItemIds.get(i)).param("position", i).update();
        }
    }

    void insertOrderItems(String billId, String orderId) {
        jdbc.sql("""
                INSERT INTO bill_item (bill_id, order_item_id, position)
                SELECT :billId, id, position FROM order_item WHERE order_id = :orderId
                """).param("billId", billId).param("orderId", orderId).update();
    }

    void insertSource(String billId, String sourceBillId) {
        jdbc.sql("INSERT INTO bill_source (bill_id, source_bill_id) VALUES (:billId, :sourceId)")
                .param("billId", billId).param("sourceId", sourceBillId).update();
    }

    void setStatus(String id, BillStatus status) {
        jdbc.sql("UPDATE bill SET status = :status, updated_at = clock_timestamp() WHERE id = :id")
                .param("id", id).param("status", status.name()).update();
    }

    /** Moves money on the bill; the CHECK constraints refuse anything that would overpay. */
    void moveMoney(String id, BigDecimal pendingDelta, BigDecimal paidDelta, BigDecimal tipDelta, BillStatus status) {
        jdbc.sql("""
                UPDATE bill SET amount_pending = amount_pending + :pending, amount_paid = amount_paid + :paid,
                    tips = tips + :tip, status = :status, updated_at = clock_timestamp()
                WHERE id = :id
                """)
                .param("id", id).param("pending", pendingDelta).param("paid", paidDelta).param("tip", tipDelta)
                .param("status", status.name())
                .update();
    }

    Optional<Bill> find(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM bill WHERE id = :id AND " + scope.condition())
                .param("id", id).params(scope.params()).query(BillRepository::map).optional();
    }

    Optional<Bill> lock(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM bill WHERE id = :id AND " + scope.condition() + " FOR UPDATE")
                .param("id", id).params(scope.params()).query(BillRepository::map).optional();
    }

    /** Several bills locked in id order, so two requests locking overlapping sets cannot deadlock. */
    List<Bill> lockAll(List<String> ids, TenantScope scope) {
        return jdbc.sql("SELECT * FROM bill WHERE id = ANY(:ids) AND " + scope.condition()
                + " ORDER BY id FOR UPDATE")
                .param("ids", ids.toArray(String[]::new)).params(scope.params()).query(BillRepository::map).list();
    }

    List<BillItem> items(String billId, String currency) {
        return jdbc.sql("""
                SELECT i.id, i.order_id, i.name, i.quantity, i.total FROM bill_item b
                JOIN order_item i ON i.id = b.order_item_id
                WHERE b.bill_id = :billId ORDER BY b.position, i.order_id, i.position
                """).param("billId", billId)
                .query((rs, row) -> new BillItem(rs.getString("id"), rs.getString("order_id"), rs.getString("name"),
                        rs.getInt("quantity"), Money.stored(rs.getBigDecimal("total"), currency)))
                .list();
    }

    List<String> derivedFrom(String billId) {
        return jdbc.sql("SELECT source_bill_id FROM bill_source WHERE bill_id = :id ORDER BY source_bill_id")
                .param("id", billId).query(String.class).list();
    }

    List<String> derivedInto(String billId) {
        return jdbc.sql("""
                SELECT s.bill_id FROM bill_source s JOIN bill b ON b.id = s.bill_id
                WHERE s.source_bill_id = :id ORDER BY b.seq
                """).param("id", billId).query(String.class).list();
    }

    List<String> paymentIds(String billId) {
        return jdbc.sql("SELECT id FROM payment WHERE bill_id = :id ORDER BY seq")
                .param("id", billId).query(String.class).list();
    }

    List<Bill> list(TenantScope scope, @Nullable BillStatus status, @Nullable String orderId,
            @Nullable String storeId, long below, int limit) {
        return jdbc.sql("SELECT * FROM bill WHERE " + scope.condition() + """
                 AND seq < :below
                 AND (CAST(:status AS text) IS NULL OR status = :status)
                 AND (CAST(:orderId AS text) IS NULL OR :orderId = ANY(order_ids))
                 AND (CAST(:storeId AS text) IS NULL OR store_id = :storeId)
                ORDER BY seq DESC LIMIT :limit
                """)
                .params(scope.params()).param("below", below).param("limit", limit + 1)
                .param("status", status == null ? null : status.name()).param("orderId", orderId)
                .param("storeId", storeId)
                .query(BillRepository::map).list();
    }

    private static Bill map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Array orderIds = rs.getArray("order_ids");
        return new Bill(rs.getString("id"), rs.getLong("seq"), rs.getString("merchant_id"), rs.getString("psp_id"),
                rs.getString("store_id"), rs.getString("terminal_id"), rs.getString("customer_id"),
                Arrays.asList((String[]) orderIds.getArray()), BillStatus.valueOf(rs.getString("status")),
                rs.getString("origin"), rs.getString("split_mode"), currency,
                Money.stored(rs.getBigDecimal("total"), currency),
                Money.stored(rs.getBigDecimal("amount_paid"), currency),
                Money.stored(rs.getBigDecimal("amount_pending"), currency),
                Money.stored(rs.getBigDecimal("tips"), currency), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
