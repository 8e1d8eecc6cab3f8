package com.mpac.smarttab.customer;

import java.math.BigDecimal;
import java.sql.Array;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.smarttab.customer.CustomerController.CreateCustomer;
import com.mpac.smarttab.customer.CustomerController.CustomerResponse;
import com.mpac.smarttab.customer.CustomerController.OrderSummary;
import com.mpac.smarttab.customer.CustomerController.PurchaseHistory;
import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.Caller;
import com.mpac.smarttab.tenant.TenantScope;

/** Customers belong to a merchant; every store's staff and terminals of that merchant see them. */
@Service
class CustomerService {

    private final JdbcClient jdbc;

    CustomerService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CustomerResponse create(Caller caller, CreateCustomer request) {
        String id = Ids.next("cus");
        jdbc.sql("""
                INSERT INTO customer (id, merchant_id, psp_id, name, phone, email, notes)
                VALUES (:id, :merchantId, :pspId, :name, :phone, :email, :notes)
                """)
                .param("id", id).param("merchantId", caller.merchantForWrite()).param("pspId", caller.pspId())
                .param("name", request.name().strip()).param("phone", request.phone())
                .param("email", request.email() == null ? null : request.email().toLowerCase(java.util.Locale.ROOT))
                .param("notes", request.notes())
                .update();
        return get(caller, id);
    }

    CustomerResponse get(Caller caller, String id) {
        TenantScope scope = caller.visibleMerchantWide();
        return jdbc.sql("SELECT * FROM customer WHERE id = :id AND " + scope.condition())
                .param("id", id).params(scope.params()).query(CustomerResponse::map).optional()
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No customer " + id + "."));
    }

    Page<CustomerResponse> search(Caller caller, String q, long below, int limit) {
        TenantScope scope = caller.visibleMerchantWide();
        String prefix = q == null || q.isBlank() ? null : escapeLike(q.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
        List<Map.Entry<Long, CustomerResponse>> rows = jdbc.sql("SELECT * FROM customer WHERE " + scope.condition()
                + """
                 AND seq < :below
                 AND (CAST(:prefix AS text) IS NULL OR lower(name) LIKE :prefix OR phone LIKE :prefix
                      OR lower(email) LIKE :prefix)
                ORDER BY seq DESC LIMIT :limit
                """)
                .params(scope.params()).param("below", below).param("limit", limit + 1).param("prefix", prefix)
                .query((rs, row) -> Map.entry(rs.getLong("seq"), CustomerResponse.map(rs, row))).list();
        Page<Map.Entry<Long, CustomerResponse>> page = Page.of(rows, limit, Map.Entry::getKey);
        return new Page<>("list", page.data().stream().map(Map.Entry::getValue).toList(), page.hasMore(),
                page.nextCursor());
    }

    PurchaseHistory history(Caller caller, String id, long below, int limit) {
        get(caller, id);
        TenantScope scope = caller.visible();
        List<Map.Entry<Long, OrderSummary>> rows = jdbc.sql("""
                SELECT o.*, ARRAY(SELECT b.id FROM bill b WHERE o.id = ANY(b.order_ids) ORDER BY b.seq) AS bill_ids
                FROM orders o WHERE o.customer_id = :id AND o.seq < :below AND """ + " " + scope.condition("o.") + """
                 ORDER BY o.seq DESC LIMIT :limit
                """)
                .param("id", id).param("below", below).param("limit", limit + 1).params(scope.params())
                .query((rs, row) -> {
                    Array bills = rs.getArray("bill_ids");
                    String currency = rs.getString("currency");
                    return Map.entry(rs.getLong("seq"), new OrderSummary(rs.getString("id"), rs.getString("status"),
                            rs.getString("store_id"), currency, Money.stored(rs.getBigDecimal("total"), currency),
                            Arrays.asList((String[]) bills.getArray()), rs.getTimestamp("created_at").toInstant()));
                })
                .list();
        Page<Map.Entry<Long, OrderSummary>> page = Page.of(rows, limit, Map.Entry::getKey);
        long count = jdbc.sql("SELECT count(*) FROM orders o WHERE o.customer_id = :id AND " + scope.condition("o."))
                .param("id", id).params(scope.params()).query(Long.class).single();
        Map<String, BigDecimal> paid = new LinkedHashMap<>();
        jdbc.sql("SELECT currency, sum(total) AS total FROM orders o WHERE o.customer_id = :id AND o.status = 'PAID' AND "
                + scope.condition("o.") + " GROUP BY currency ORDER BY currency")
                .param("id", id).params(scope.params())
                .query((rs, row) -> Map.entry(rs.getString("currency"),
                        Money.stored(rs.getBigDecimal("total"), rs.getString("currency"))))
                .list().forEach(entry -> paid.put(entry.getKey(), entry.getValue()));
        // Net of what was refunded since: each succeeded refund of a payment on a bill holding one of these orders.
        jdbc.sql("SELECT r.currency, sum(r.amount) AS refunded FROM refund r JOIN payment p ON p.id = r.payment_id"
                + " JOIN bill b ON b.id = p.bill_id WHERE r.status = 'SUCCEEDED' AND EXISTS (SELECT 1 FROM orders o"
                + " WHERE o.id = ANY(b.order_ids) AND o.customer_id = :id AND o.status = 'PAID' AND "
                + scope.condition("o.") + ") GROUP BY r.currency")
                .param("id", id).params(scope.params())
                .query((rs, row) -> Map.entry(rs.getString("currency"),
                        Money.stored(rs.getBigDecimal("refunded"), rs.getString("currency"))))
                .list().forEach(entry -> paid.computeIfPresent(entry.getKey(), (currency, total) -> total
                        .subtract(entry.getValue())));
        return new PurchaseHistory("purchase_history", id, count, paid,
                page.data().stream().map(Map.Entry::getValue).toList(), page.hasMore(), page.nextCursor());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
