package com.mpac.smarttab.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.Caller;

@Service
class OrderService {

    static final int MAX_ITEMS = 200;
    static final com.mpac.contracts.problem.ProblemType IN_COMBINED_BILL = new com.mpac.contracts.problem.ProblemType(
            "order_in_combined_bill", org.springframework.http.HttpStatus.CONFLICT,
            "The order shares an unpaid bill with other orders");

    private final OrderRepository orders;

    OrderService(OrderRepository orders) {
        this.orders = orders;
    }

    @Transactional
    OrderResponse create(Caller caller, OrderRequests.Create request) {
        String currency = request.currency();
        Money.scale(currency);
        String storeId = caller.storeForWrite(request.storeId());
        requireCustomer(caller, request.customerId());
        String id = Ids.next("ord");
        orders.insert(id, caller.merchantForWrite(), caller.pspId(), storeId, caller.terminalId(),
                request.customerId(), currency, request.notes());
        List<OrderItem> items = new ArrayList<>();
        for (OrderRequests.Item item : request.items()) {
            OrderItem priced = price(currency, Ids.next("itm"), items.size(), item);
            orders.insertItem(id, priced);
            items.add(priced);
        }
        orders.updateHeader(id, totals(currency, items), request.notes(), request.customerId());
        return get(caller, id);
    }

    OrderResponse get(Caller caller, String id) {
        Order order = orders.find(id, caller.visible()).orElseThrow(() -> notFound(id));
        return OrderResponse.of(order, orders.items(id, order.currency()), orders.billIds(id));
    }

    Page<OrderResponse> list(Caller caller, OrderRepository.Filter filter) {
        List<Order> found = orders.list(caller.visible(), filter);
        Page<Order> page = Page.of(found, filter.limit(), Order::seq);
        List<OrderResponse> data = page.data().stream()
                .map(order -> OrderResponse.of(order, orders.items(order.id(), order.currency()),
                        orders.billIds(order.id())))
                .toList();
        return new Page<>("list", data, page.hasMore(), page.nextCursor());
    }

    /** Adds, changes and removes items and notes of an OPEN order, under its row lock; totals are recomputed. */
    @Transactional
    OrderResponse update(Caller caller, String id, OrderRequests.Update request) {
        Order order = orders.lock(id, caller.visible()).orElseThrow(() -> notFound(id));
        if (order.status() != OrderStatus.OPEN) {
            throw new ApiException(OrderStatus.UNEXPECTED_STATE, "Only an OPEN order changes; this one is "
                    + order.status() + ".", Map.of("order_status", order.status().name()));
        }
        String currency = order.currency();
        List<OrderItem> items = new ArrayList<>(orders.items(id, currency));
        Set<String> removed = new HashSet<>();
        for (String itemId : nullToEmpty(request.removeItemIds())) {
            if (items.stream().noneMatch(item -> item.id().equals(itemId))) {
                throw new ApiException(ProblemTypes.NOT_FOUND, "The order has no item " + itemId + ".");
            }
            removed.add(itemId);
        }
        for (OrderRequests.ItemChange change : nullToEmpty(request.updateItems())) {
            int index = indexOf(items, change.id());
            if (index < 0 || removed.contains(change.id())) {
                throw new ApiException(ProblemTypes.NOT_FOUND, "The order has no item " + change.id() + ".");
            }
            OrderItem old = items.get(index);
            int quantity = change.quantity() != null ? change.quantity() : old.quantity();
            Pricing.Line line = Pricing.line(currency, old.unitPrice(),
                    old.modifiers().stream().map(OrderRequests.Modifier::price).toList(), quantity, old.taxRate(),
                    old.taxInclusive());
            OrderItem changed = new OrderItem(old.id(), old.position(), old.name(), old.sku(), quantity,
                    old.unitPrice(), old.modifiers(), change.notes() != null ? change.notes() : old.notes(),
                    old.taxRate(), old.taxInclusive(), line.tax(), line.total());
            items.set(index, changed);
            orders.updateItem(id, changed);
        }
        removed.forEach(itemId -> orders.deleteItem(id, itemId));
        items.removeIf(item -> removed.contains(item.id()));
        int position = items.stream().mapToInt(OrderItem::position).max().orElse(-1) + 1;
        for (OrderRequests.Item add : nullToEmpty(request.addItems())) {
            OrderItem priced = price(currency, Ids.next("itm"), position++, add);
            orders.insertItem(id, priced);
            items.add(priced);
        }
        if (items.isEmpty()) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "An order keeps at least one item; cancel it "
                    + "instead.");
        }
        if (items.size() > MAX_ITEMS) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "An order holds at most " + MAX_ITEMS + " items.");
        }
        String customerId = request.customerId() != null ? request.customerId() : order.customerId();
        requireCustomer(caller, request.customerId());
        orders.updateHeader(id, totals(currency, items), request.notes() != null ? request.notes() : order.notes(),
                customerId);
        return get(caller, id);
    }

    /** Cancels an order no money was taken for; its untouched bills are voided with it. */
    @Transactional
    OrderResponse cancel(Caller caller, String id, OrderRequests.Cancel request) {
        Order order = orders.lock(id, caller.visible()).orElseThrow(() -> notFound(id));
        order.status().requireMoveTo(OrderStatus.CANCELED);
        if (orders.hasMoneyOnBills(id)) {
            throw new ApiException(OrderStatus.UNEXPECTED_STATE, "Money was taken on this order's bill: refund it "
                    + "rather than cancel the order.", Map.of("order_status", order.status().name()));
        }
        if (orders.inLiveCombinedBill(id)) {
            // Voiding the combined bill would leave the other orders BILLED with nothing to pay them by.
            throw new ApiException(IN_COMBINED_BILL, "The order shares an unpaid bill with other orders (it was "
                    + "combined); voiding that bill would leave them with nothing to pay. Pay the combined bill instead.",
                    Map.of("order_status", order.status().name()));
        }
        orders.voidUnpaidBills(id);
        orders.cancel(id, request.reason());
        return get(caller, id);
    }

    private OrderItem price(String currency, String id, int position, OrderRequests.Item item) {
        BigDecimal unitPrice = Money.exact(item.unitPrice(), currency, "unit_price");
        List<OrderRequests.Modifier> modifiers = nullToEmpty(item.modifiers()).stream()
                .map(modifier -> new OrderRequests.Modifier(modifier.name(),
                        Money.exact(modifier.price(), currency, "modifiers.price")))
                .toList();
        BigDecimal taxRate = item.taxRate() == null ? BigDecimal.ZERO : item.taxRate();
        if (taxRate.scale() > 4) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "tax_rate: at most four decimals");
        }
        boolean inclusive = Boolean.TRUE.equals(item.taxInclusive());
        Pricing.Line line = Pricing.line(currency, unitPrice,
                modifiers.stream().map(OrderRequests.Modifier::price).toList(), item.quantity(), taxRate, inclusive);
        if (line.total().compareTo(Money.MAX) > 0) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "A line may total at most "
                    + Money.MAX.toPlainString() + ".");
        }
        return new OrderItem(id, position, item.name(), item.sku(), item.quantity(), unitPrice, modifiers,
                item.notes(), taxRate.stripTrailingZeros(), inclusive, line.tax(), line.total());
    }

    private static Pricing.Totals totals(String currency, List<OrderItem> items) {
        Pricing.Totals totals = Pricing.totals(currency,
                items.stream().map(item -> new Pricing.Line(item.tax(), item.total())).toList());
        if (totals.total().compareTo(Money.MAX) > 0) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "An order may total at most "
                    + Money.MAX.toPlainString() + ".");
        }
        return totals;
    }

    private void requireCustomer(Caller caller, String customerId) {
        if (customerId != null && !orders.customerVisible(customerId, caller.visibleMerchantWide())) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "No customer " + customerId + ".");
        }
    }

    private static int indexOf(List<OrderItem> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static ApiException notFound(String id) {
        return new ApiException(ProblemTypes.NOT_FOUND, "No order " + id + ".");
    }

}
