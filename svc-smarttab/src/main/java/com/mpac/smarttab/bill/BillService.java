package com.mpac.smarttab.bill;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.Caller;
import com.mpac.smarttab.tenant.TenantScope;

@Service
class BillService {

    private final BillRepository bills;

    BillService(BillRepository bills) {
        this.bills = bills;
    }

    /** The bill of an OPEN order, with all its items; the order becomes BILLED under its row lock. */
    @Transactional
    BillResponse create(Caller caller, BillRequests.Create request) {
        caller.merchantForWrite();
        BillRepository.OrderRow order = bills.lockOrder(request.orderId(), caller.visible())
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No order " + request.orderId() + "."));
        if (!order.status().equals("OPEN")) {
            throw new ApiException(BillStatus.UNEXPECTED_STATE, "Only an OPEN order is billed; this one is "
                    + order.status() + ".", Map.of("order_status", order.status()));
        }
        if (order.total().signum() <= 0) {
            throw new ApiException(BillStatus.UNEXPECTED_STATE, "An order worth nothing has nothing to bill.");
        }
        String customerId = request.customerId() != null ? request.customerId() : order.customerId();
        if (request.customerId() != null && !bills.customerVisible(request.customerId(),
                caller.visibleMerchantWide())) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "No customer " + request.customerId() + ".");
        }
        String id = Ids.next("bill");
        bills.insert(id, order.merchantId(), order.pspId(), order.storeId(),
                caller.terminalId() != null ? caller.terminalId() : order.terminalId(), customerId,
                List.of(order.id()), "ORDER", null, order.currency(), order.total());
        bills.insertOrderItems(id, order.id());
        bills.markOrderBilled(order.id());
        return get(caller.visible(), id);
    }

    BillResponse get(TenantScope scope, String id) {
        Bill bill = bills.find(id, scope).orElseThrow(() -> notFound(id));
        return response(bill);
    }

    Page<BillResponse> list(Caller caller, BillStatus status, String orderId, String storeId, long below, int limit) {
        Page<Bill> page = Page.of(bills.list(caller.visible(), status, orderId, storeId, below, limit), limit,
                Bill::seq);
        return new Page<>("list", page.data().stream().map(this::response).toList(), page.hasMore(),
                page.nextCursor());
    }

    /** Splits an untouched bill under its row lock; the parts sum exactly to it and remember where they came from. */
    @Transactional
    SplitResponse split(Caller caller, String id, BillRequests.Split request) {
        caller.merchantForWrite();
        Bill bill = bills.lock(id, caller.visible()).orElseThrow(() -> notFound(id));
        requireUntouched(bill, BillStatus.SPLIT);
        String currency = bill.currency();
        long total = Money.toMinor(bill.total(), currency);
        List<Part> parts = switch (request.mode()) {
            case EQUAL -> {
                if (request.parts() == null) {
                    throw new ApiException(ProblemTypes.VALIDATION_FAILED, "parts: required for an equal split");
                }
                yield BillSplits.equal(total, request.parts()).stream().map(share -> new Part(share, List.of()))
                        .toList();
            }
            case AMOUNTS -> {
                if (request.amounts() == null) {
                    throw new ApiException(ProblemTypes.VALIDATION_FAILED, "amounts: required for a split by amounts");
                }
                List<Long> minor = request.amounts().stream()
                        .map(amount -> Money.toMinor(Money.positive(amount, currency, "amounts"), currency))
                        .toList();
                yield BillSplits.amounts(total, minor).stream().map(share -> new Part(share, List.of())).toList();
            }
            case ITEMS -> {
                if (request.items() == null) {
                    throw new ApiException(ProblemTypes.VALIDATION_FAILED, "items: required for a split by items");
                }
                Map<String, Long> items = new LinkedHashMap<>();
                bills.items(id, currency).forEach(item -> items.put(item.orderItemId(),
                        Money.toMinor(item.amount(), currency)));
                yield BillSplits.byItems(items, request.items()).stream()
                        .map(group -> new Part(group.stream().mapToLong(items::get).sum(), group)).toList();
            }
        };
        if (parts.stream().mapToLong(Part::minor).sum() != total) {
            throw new IllegalStateException("A split of " + id + " does not sum to the bill");
        }
        List<BillResponse> created = new ArrayList<>();
        for (Part part : parts) {
            String partId = Ids.next("bill");
            bills.insert(partId, bill.merchantId(), bill.pspId(), bill.storeId(), bill.terminalId(),
                    bill.customerId(), bill.orderIds(), "SPLIT", request.mode().name(), currency,
                    Money.fromMinor(part.minor(), currency));
            bills.insertItems(partId, part.itemIds());
            bills.insertSource(partId, id);
            created.add(get(storeOf(bill), partId));
        }
        bills.setStatus(id, BillStatus.SPLIT);
        return new SplitResponse("bill_split", get(storeOf(bill), id), created);
    }

    /** Merges untouched bills of one store and currency into one, under all their row locks. */
    @Transactional
    BillResponse combine(Caller caller, BillRequests.Combine request) {
        caller.merchantForWrite();
        List<String> ids = List.copyOf(new LinkedHashSet<>(request.billIds()));
        if (ids.size() < 2) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "bill_ids: at least two different bills");
        }
        List<Bill> sources = bills.lockAll(ids, caller.visible());
        if (sources.size() != ids.size()) {
            String missing = ids.stream().filter(id -> sources.stream().noneMatch(b -> b.id().equals(id)))
                    .findFirst().orElseThrow();
            throw notFound(missing);
        }
        sources.forEach(source -> requireUntouched(source, BillStatus.COMBINED));
        Bill first = sources.getFirst();
        for (Bill source : sources) {
            if (!source.storeId().equals(first.storeId()) || !source.merchantId().equals(first.merchantId())) {
                throw new ApiException(BillStatus.UNEXPECTED_STATE, "Only bills of one store are combined.");
            }
            if (!source.currency().equals(first.currency())) {
                throw new ApiException(BillStatus.UNEXPECTED_STATE, "Only bills in one currency are combined.");
            }
        }
        BigDecimal total = sources.stream().map(Bill::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(Money.MAX) > 0) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "A bill may total at most "
                    + Money.MAX.toPlainString() + ".");
        }
        List<String> orderIds = sources.stream().flatMap(source -> source.orderIds().stream()).distinct().toList();
        String customerId = sources.stream().map(Bill::customerId).distinct().count() == 1 ? first.customerId()
                : null;
        List<List<BillItem>> itemsOfSources = sources.stream().map(s -> bills.items(s.id(), s.currency())).toList();
        // Items travel only when every source has them, so a bill's items always sum to its total.
        List<String> itemIds = itemsOfSources.stream().allMatch(items -> !items.isEmpty())
                ? itemsOfSources.stream().flatMap(List::stream).map(BillItem::orderItemId).toList()
                : List.of();
        String id = Ids.next("bill");
        String terminalId = caller.terminalId() != null ? caller.terminalId()
                : sources.stream().map(Bill::terminalId).filter(Objects::nonNull).findFirst().orElse(null);
        bills.insert(id, first.merchantId(), first.pspId(), first.storeId(), terminalId, customerId, orderIds,
                "COMBINE", null, first.currency(), total);
        bills.insertItems(id, itemIds);
        for (Bill source : sources) {
            bills.insertSource(id, source.id());
            bills.setStatus(source.id(), BillStatus.COMBINED);
        }
        return get(storeOf(first), id);
    }

    private BillResponse response(Bill bill) {
        return BillResponse.of(bill, bills.items(bill.id(), bill.currency()), bills.derivedFrom(bill.id()),
                bills.derivedInto(bill.id()), bills.paymentIds(bill.id()));
    }

    private static void requireUntouched(Bill bill, BillStatus next) {
        bill.status().requireMoveTo(next);
        if (!bill.untouched()) {
            throw new ApiException(BillStatus.UNEXPECTED_STATE, "Money is being taken on bill " + bill.id()
                    + "; only an unpaid bill is split or combined.", Map.of("bill_status", bill.status().name()));
        }
    }

    private static TenantScope storeOf(Bill bill) {
        return new TenantScope(null, bill.merchantId(), bill.storeId(), false);
    }

    static ApiException notFound(String id) {
        return new ApiException(ProblemTypes.NOT_FOUND, "No bill " + id + ".");
    }

    private record Part(long minor, List<String> itemIds) {
    }
}
