package com.mpac.smarttab.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.smarttab.gateway.GatewayClient;
import com.mpac.smarttab.gateway.GatewayException;
import com.mpac.smarttab.gateway.GatewayIntent;
import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.settlement.SettlementRepository.Settlement;
import com.mpac.smarttab.settlement.SettlementRepository.SettledPayment;
import com.mpac.smarttab.settlement.SettlementRepository.SettledRefund;
import com.mpac.smarttab.tenant.Caller;
import com.mpac.smarttab.tenant.TenantScope;

/**
 * Settlement periods of a store or terminal. Closing one takes every payment and refund settled since the last
 * close, sums them per currency, method and provider, compares the gateway-paid part with what mpac-pgw holds for
 * the same store/terminal and period, records each difference as a discrepancy line, and freezes the result.
 */
@Service
class SettlementService {

    static final ProblemType ALREADY_OPEN = new ProblemType("settlement_already_open", HttpStatus.CONFLICT,
            "A settlement is already open for this store or terminal");
    static final ProblemType UNEXPECTED_STATE = new ProblemType("settlement_unexpected_state", HttpStatus.CONFLICT,
            "The settlement is not in a state that allows this");
    static final ProblemType GATEWAY_UNAVAILABLE = new ProblemType("gateway_unavailable",
            HttpStatus.SERVICE_UNAVAILABLE, "The payment gateway could not be reached");

    static final ProblemType SCOPE_OVERLAP = new ProblemType("settlement_scope_overlap", HttpStatus.CONFLICT,
            "A store period and a terminal period of the same store cannot be open at once");

    private final SettlementRepository settlements;
    private final GatewayClient gateway;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    SettlementService(SettlementRepository settlements, GatewayClient gateway,
            org.springframework.transaction.support.TransactionTemplate transaction) {
        this.settlements = settlements;
        this.gateway = gateway;
        this.transaction = transaction;
    }

    record Open(String scope, String storeId, String terminalId) {
    }

    @Transactional
    SettlementResponse open(Caller caller, Open request) {
        String scope = request.scope() != null ? request.scope() : (caller.isDevice() ? "terminal" : "store");
        String storeId = caller.storeForWrite(request.storeId());
        String terminalId;
        if (caller.isDevice()) {
            if (scope.equals("store") || (request.terminalId() != null
                    && !request.terminalId().equals(caller.terminalId()))) {
                throw new ApiException(ProblemTypes.FORBIDDEN, "A terminal opens its own terminal's settlement; a "
                        + "store's is for a store manager or merchant admin.");
            }
            terminalId = caller.terminalId();
        }
        else if (scope.equals("terminal")) {
            if (request.terminalId() == null) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED, "terminal_id: required for scope terminal");
            }
            terminalId = request.terminalId();
        }
        else {
            if (request.terminalId() != null) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED, "terminal_id: only with scope terminal");
            }
            terminalId = null;
        }
        String merchantId = caller.merchantForWrite();
        String id = Ids.next("stl");
        // A store period and a terminal period overlap (both would settle the terminal's payments): one kind at a time.
        settlements.lockStore(merchantId, storeId);
        settlements.openOverlapping(merchantId, storeId, terminalId).ifPresent(other -> {
            throw new ApiException(SCOPE_OVERLAP, "Settlement " + other.id() + " ("
                    + (other.terminalId() == null ? "the store's" : "terminal " + other.terminalId() + "'s")
                    + ") is open; close it first.", Map.of("open_settlement_id", other.id()));
        });
        if (!settlements.open(id, merchantId, caller.pspId(), storeId, terminalId, caller.actor())) {
            String open = settlements.openOne(merchantId, storeId, terminalId).map(Settlement::id).orElse(null);
            throw new ApiException(ALREADY_OPEN, "Settlement " + open + " is open; close it first.",
                    open == null ? Map.of() : Map.of("open_settlement_id", open));
        }
        return get(caller.visible(), id);
    }

    SettlementResponse get(TenantScope scope, String id) {
        return response(settlements.find(id, scope).orElseThrow(() -> notFound(id)));
    }

    Page<SettlementResponse> list(Caller caller, String status, String storeId, String terminalId, long below,
            int limit) {
        Page<Settlement> page = Page.of(settlements.list(caller.visible(), status, storeId, terminalId, below, limit),
                limit, Settlement::seq);
        return new Page<>("list", page.data().stream().map(this::response).toList(), page.hasMore(),
                page.nextCursor());
    }

    /**
     * Closes the period. The gateway is read first, with no row lock held across its paged calls; then, under the
     * settlement's row lock (a second close waits, then finds it CLOSED), every succeeded payment and refund of the
     * scope not yet settled, up to the close, is claimed and reconciled. A close that cannot read the gateway does
     * not happen (503), rather than freezing totals nobody checked.
     */
    SettlementResponse close(Caller caller, String id) {
        Settlement settlement = settlements.find(id, caller.visible()).orElseThrow(() -> notFound(id));
        if (caller.isDevice() && !java.util.Objects.equals(settlement.terminalId(), caller.terminalId())) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "A terminal closes only its own terminal's settlement.");
        }
        requireOpen(settlement);
        Instant closedAt = settlements.now();
        Instant from = settlements.windowStart(settlement, closedAt);
        List<GatewayIntent> intents;
        Map<String, List<GatewayClient.GatewayRefund>> gatewayRefunds = new TreeMap<>();
        try {
            intents = gateway.list(settlement.merchantId(), settlement.storeId(), settlement.terminalId(),
                    from.getEpochSecond(), closedAt.getEpochSecond() + 1).stream()
                    .filter(intent -> "smarttab".equals(intent.metadata().get("source")))
                    .toList();
            // Refunds are reconciled one by one, by when they happened: the refunds of every intent with a refund
            // SmartTab has not settled yet, and of every intent of the window the gateway shows refunded.
            Set<String> refunded = new java.util.TreeSet<>(settlements.refundedIntents(settlement));
            intents.stream().filter(intent -> intent.amountRefunded() > 0).forEach(intent -> refunded.add(intent.id()));
            for (String intentId : refunded) {
                gatewayRefunds.put(intentId, gateway.refunds(settlement.merchantId(), intentId));
            }
        }
        catch (GatewayException ex) {
            throw new ApiException(GATEWAY_UNAVAILABLE, "The gateway's totals could not be read, so the settlement "
                    + "stays open: " + ex.getMessage());
        }
        transaction.executeWithoutResult(status -> {
            Settlement locked = settlements.lock(id, caller.visible()).orElseThrow(() -> notFound(id));
            requireOpen(locked);
            settlements.claim(locked, closedAt);
            List<SettledPayment> payments = settlements.payments(id);
            List<SettledRefund> refunds = settlements.refunds(id);
            totals(payments, refunds).forEach(line -> settlements.insertLine(id, line));
            Set<String> elsewhere = settlements.settledElsewhere(id, intents.stream().map(GatewayIntent::id)
                    .toList());
            reconcile(id, payments, refunds, intents.stream().filter(intent -> !elsewhere.contains(intent.id()))
                    .toList(), gatewayRefunds, closedAt);
            settlements.close(id, closedAt, caller.actor());
        });
        return get(new TenantScope(null, null, null, true), id);
    }

    private static void requireOpen(Settlement settlement) {
        if (!settlement.status().equals("OPEN")) {
            throw new ApiException(UNEXPECTED_STATE, "Settlement " + settlement.id() + " is " + settlement.status()
                    + ".", Map.of("settlement_status", settlement.status()));
        }
    }

    private static List<SettlementResponse.Line> totals(List<SettledPayment> payments, List<SettledRefund> refunds) {
        Map<String, Sums> byKey = new TreeMap<>();
        for (SettledPayment payment : payments) {
            Sums sums = byKey.computeIfAbsent(key(payment.currency(), payment.method(), payment.provider()),
                    k -> new Sums(payment.currency(), payment.method(), payment.provider()));
            sums.payments++;
            sums.gross = sums.gross.add(payment.amount());
            sums.tips = sums.tips.add(payment.tip());
        }
        for (SettledRefund refund : refunds) {
            Sums sums = byKey.computeIfAbsent(key(refund.currency(), refund.method(), refund.provider()),
                    k -> new Sums(refund.currency(), refund.method(), refund.provider()));
            sums.refunds++;
            sums.refunded = sums.refunded.add(refund.amount());
        }
        return byKey.values().stream().map(Sums::line).toList();
    }

    /**
     * Per currency and provider, SmartTab's gateway payments of this settlement against the gateway's intents of
     * the same payments (captured: amount_received), and SmartTab's refunds settled here (by refund time) against
     * the same refunds at the gateway. Then one by one, so a payment or refund one side has and the other does not
     * is named.
     */
    private void reconcile(String id, List<SettledPayment> payments, List<SettledRefund> refunds,
            List<GatewayIntent> intents, Map<String, List<GatewayClient.GatewayRefund>> gatewayRefunds,
            Instant closedAt) {
        Map<String, BigDecimal[]> byKey = new TreeMap<>();
        Set<String> intentIds = new HashSet<>();
        List<SettlementResponse.Discrepancy> discrepancies = new ArrayList<>();
        for (SettledPayment payment : payments) {
            if (payment.gatewayIntentId() == null) {
                continue;
            }
            BigDecimal[] sums = byKey.computeIfAbsent(payment.currency() + "|" + payment.provider(),
                    k -> zeros(payment.currency()));
            sums[0] = sums[0].add(payment.amount()).add(payment.tip());
        }
        Map<String, String> providers = new HashMap<>();
        for (GatewayIntent intent : intents) {
            providers.put(intent.id(), intent.provider() == null ? "unknown" : intent.provider());
            if (intent.amountReceived() == 0) {
                continue;
            }
            intentIds.add(intent.id());
            String provider = intent.provider() == null ? "unknown" : intent.provider();
            BigDecimal[] sums = byKey.computeIfAbsent(intent.currency() + "|" + provider,
                    k -> zeros(intent.currency()));
            sums[1] = sums[1].add(Money.fromMinor(intent.amountReceived(), intent.currency()));
        }
        Map<String, String> currencies = new HashMap<>();
        intents.forEach(intent -> currencies.put(intent.id(), intent.currency()));
        refunds.stream().filter(refund -> refund.gatewayIntentId() != null)
                .forEach(refund -> currencies.put(refund.gatewayIntentId(), refund.currency()));
        Set<String> matched = new HashSet<>();
        for (SettledRefund refund : refunds) {
            if (refund.gatewayIntentId() == null) {
                continue;
            }
            BigDecimal[] sums = byKey.computeIfAbsent(refund.currency() + "|" + refund.provider(),
                    k -> zeros(refund.currency()));
            sums[2] = sums[2].add(refund.amount());
            GatewayClient.GatewayRefund atGateway = gatewayRefunds.getOrDefault(refund.gatewayIntentId(), List.of())
                    .stream().filter(r -> r.id().equals(refund.gatewayRefundId()) && "succeeded".equals(r.status()))
                    .findFirst().orElse(null);
            if (atGateway == null) {
                discrepancies.add(new SettlementResponse.Discrepancy(Ids.next("dsc"), "refund_missing_at_gateway",
                        refund.currency(), refund.provider(), refund.amount(), null, refund.id(),
                        refund.gatewayIntentId(), "Refunded here, but not a succeeded refund at the gateway"));
                continue;
            }
            matched.add(atGateway.id());
            sums[3] = sums[3].add(Money.fromMinor(atGateway.amount(), refund.currency()));
        }
        List<String> unmatched = new ArrayList<>();
        gatewayRefunds.values().forEach(list -> list.forEach(r -> unmatched.add(r.id())));
        Set<String> elsewhere = settlements.refundsSettledElsewhere(id, unmatched);
        gatewayRefunds.forEach((intentId, list) -> {
            for (GatewayClient.GatewayRefund refund : list) {
                if (!"succeeded".equals(refund.status()) || matched.contains(refund.id())
                        || elsewhere.contains(refund.id())
                        || (refund.completed() != null && refund.completed() > closedAt.getEpochSecond())) {
                    continue;
                }
                String currency = currencies.get(intentId);
                String provider = providers.getOrDefault(intentId, "unknown");
                discrepancies.add(new SettlementResponse.Discrepancy(Ids.next("dsc"), "refund_missing_at_smarttab",
                        currency, provider, null, currency == null ? null : Money.fromMinor(refund.amount(), currency),
                        null, intentId, "Refunded at the gateway (" + refund.id() + ", " + refund.amount()
                                + " minor units) by the close, but not settled here"));
            }
        });
        byKey.forEach((key, sums) -> {
            String currency = key.substring(0, key.indexOf('|'));
            String provider = key.substring(key.indexOf('|') + 1);
            settlements.insertReconciliation(id, new SettlementResponse.Reconciliation(currency, provider, sums[0],
                    sums[1], sums[2], sums[3], false));
            if (sums[0].compareTo(sums[1]) != 0) {
                discrepancies.add(new SettlementResponse.Discrepancy(Ids.next("dsc"), "captured_mismatch", currency,
                        provider, sums[0], sums[1], null, null, "SmartTab settled " + sums[0].toPlainString()
                                + " captured, the gateway holds " + sums[1].toPlainString() + " for the period"));
            }
            if (sums[2].compareTo(sums[3]) != 0) {
                discrepancies.add(new SettlementResponse.Discrepancy(Ids.next("dsc"), "refunded_mismatch", currency,
                        provider, sums[2], sums[3], null, null, "SmartTab settled " + sums[2].toPlainString()
                                + " of refunds in this period, the gateway shows " + sums[3].toPlainString()
                                + " of the same refunds"));
            }
        });
        Set<String> ours = new HashSet<>();
        for (SettledPayment payment : payments) {
            if (payment.gatewayIntentId() != null) {
                ours.add(payment.gatewayIntentId());
                if (!intentIds.contains(payment.gatewayIntentId())) {
                    discrepancies.add(new SettlementResponse.Discrepancy(Ids.next("dsc"), "missing_at_gateway",
                            payment.currency(), payment.provider(), payment.amount().add(payment.tip()), null,
                            payment.id(), payment.gatewayIntentId(), "Settled here, but not among the gateway's "
                                    + "captured intents of this scope and period"));
                }
            }
        }
        for (GatewayIntent intent : intents) {
            if (intent.amountReceived() > 0 && !ours.contains(intent.id())) {
                discrepancies.add(new SettlementResponse.Discrepancy(Ids.next("dsc"), "missing_at_smarttab",
                        intent.currency(), intent.provider(), null,
                        Money.fromMinor(intent.amountReceived(), intent.currency()),
                        intent.metadata().get("smarttab_payment_id"), intent.id(), "Captured at the gateway in this "
                                + "period, but not settled here (still pending here, or settled in another period)"));
            }
        }
        discrepancies.forEach(row -> settlements.insertDiscrepancy(id, row));
    }

    private SettlementResponse response(Settlement settlement) {
        boolean closed = settlement.status().equals("CLOSED");
        List<SettlementResponse.Discrepancy> discrepancies = closed ? settlements.discrepancies(settlement.id())
                : List.of();
        return new SettlementResponse(settlement.id(), "settlement", settlement.status(),
                settlement.terminalId() == null ? "store" : "terminal", settlement.merchantId(), settlement.storeId(),
                settlement.terminalId(), settlement.openedBy(), settlement.closedBy(), settlement.openedAt(),
                settlement.closedAt(), closed ? settlements.lines(settlement.id()) : List.of(),
                closed ? settlements.reconciliation(settlement.id()) : List.of(), discrepancies,
                closed ? discrepancies.isEmpty() : null);
    }

    private static BigDecimal[] zeros(String currency) {
        BigDecimal zero = Money.zero(currency);
        return new BigDecimal[] { zero, zero, zero, zero };
    }

    private static String key(String currency, String method, String provider) {
        return currency + "|" + method + "|" + provider;
    }

    static ApiException notFound(String id) {
        return new ApiException(ProblemTypes.NOT_FOUND, "No settlement " + id + ".");
    }

    private static final class Sums {
        final String currency;
        final String method;
        final String provider;
        int payments;
        int refunds;
        BigDecimal gross;
        BigDecimal tips;
        BigDecimal refunded;

        Sums(String currency, String method, String provider) {
            this.currency = currency;
            this.method = method;
            this.provider = provider;
            this.gross = Money.zero(currency);
            this.tips = Money.zero(currency);
            this.refunded = Money.zero(currency);
        }

        SettlementResponse.Line line() {
            return new SettlementResponse.Line(currency, method, provider, payments, refunds, gross, refunded, tips,
                    gross.add(tips).subtract(refunded));
        }
    }
}
