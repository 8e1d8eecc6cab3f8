package com.mpac.smarttab.settlement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.smarttab.money.Money;
import com.mpac.smarttab.tenant.TenantScope;

@Repository
class SettlementRepository {

    private final JdbcClient jdbc;

    SettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Settlement(String id, long seq, String merchantId, @Nullable String pspId, String storeId,
            @Nullable String terminalId, String status, String openedBy, @Nullable String closedBy, Instant openedAt,
            @Nullable Instant closedAt) {
    }

    /** A payment settled in a period, as the close sums it. */
    record SettledPayment(String id, String currency, String method, String provider, BigDecimal amount,
            BigDecimal tip, BigDecimal amountRefunded, @Nullable String gatewayIntentId) {
    }

    record SettledRefund(String id, String currency, String method, String provider, BigDecimal amount,
            @Nullable String gatewayRefundId, @Nullable String gatewayIntentId) {
    }

    /** Inserts an open period; answers false when one is open already for the same store or terminal. */
    boolean open(String id, String merchantId, @Nullable String pspId, String storeId, @Nullable String terminalId,
            String openedBy) {
        return jdbc.sql("""
                INSERT INTO settlement (id, merchant_id, psp_id, store_id, terminal_id, status, opened_by)
                VALUES (:id, :merchantId, :pspId, :storeId, :terminalId, 'OPEN', :openedBy)
                ON CONFLICT (merchant_id, store_id, coalesce(terminal_id, '')) WHERE status = 'OPEN' DO NOTHING
                """)
                .param("id", id).param("merchantId", merchantId).param("pspId", pspId).param("storeId", storeId)
                .param("terminalId", terminalId).param("openedBy", openedBy)
                .update() == 1;
    }

    /**
     * Serialises the opening of periods of one store (a transaction-scoped advisory lock), so a store period and a
     * terminal period of that store are never opened at once.
     */
    void lockStore(String merchantId, String storeId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "settlement/" + merchantId + "/" + storeId).query(Object.class).list();
    }

    /** An open period of the other kind: a terminal's for a store period, the store's for a terminal period. */
    Optional<Settlement> openOverlapping(String merchantId, String storeId, @Nullable String terminalId) {
        return jdbc.sql("""
                SELECT * FROM settlement WHERE merchant_id = :merchantId AND store_id = :storeId AND status = 'OPEN'
                  AND (CASE WHEN CAST(:terminalId AS text) IS NULL THEN terminal_id IS NOT NULL
                            ELSE terminal_id IS NULL END)
                ORDER BY seq LIMIT 1
                """).param("merchantId", merchantId).param("storeId", storeId).param("terminalId", terminalId)
                .query(SettlementRepository::map).optional();
    }

    /**
     * Where the gateway's side of a close starts: the period's opening, or the creation of the oldest gateway
     * payment of the scope not yet settled if that is older (a payment taken before the period is settled in it, so
     * its intent must be read too).
     */
    Instant windowStart(Settlement settlement, Instant closedAt) {
        String terminal = settlement.terminalId() == null ? "" : " AND terminal_id = :terminalId";
        Timestamp oldest = jdbc.sql("SELECT min(created_at) FROM payment WHERE settlement_id IS NULL"
                + " AND status IN ('PENDING', 'SUCCEEDED') AND gateway_intent_id IS NOT NULL"
                + " AND merchant_id = :merchantId AND store_id = :storeId AND created_at <= :closedAt" + terminal)
                .param("merchantId", settlement.merchantId()).param("storeId", settlement.storeId())
                .param("terminalId", settlement.terminalId()).param("closedAt", Timestamp.from(closedAt))
                .query(Timestamp.class).optional().orElse(null);
        return oldest == null || oldest.toInstant().isAfter(settlement.openedAt()) ? settlement.openedAt()
                : oldest.toInstant();
    }

    /** Of these intents, those whose SmartTab payment was settled in another period. */
    java.util.Set<String> settledElsewhere(String settlementId, java.util.Collection<String> intentIds) {
        return new java.util.HashSet<>(jdbc.sql("""
                SELECT gateway_intent_id FROM payment
                WHERE gateway_intent_id = ANY(:ids) AND settlement_id IS NOT NULL AND settlement_id <> :id
                """).param("ids", intentIds.toArray(String[]::new)).param("id", settlementId)
                .query(String.class).list());
    }

    /**
     * The intents of the scope's gateway payments with refunds not yet settled (succeeded or pending): their
     * refunds are read at the gateway before a close, whichever period the payment was settled in.
     */
    List<String> refundedIntents(Settlement settlement) {
        String terminal = settlement.terminalId() == null ? "" : " AND r.terminal_id = :terminalId";
        return jdbc.sql("SELECT DISTINCT p.gateway_intent_id FROM refund r JOIN payment p ON p.id = r.payment_id"
                + " WHERE r.settlement_id IS NULL AND r.status IN ('SUCCEEDED', 'PENDING')"
                + " AND p.gateway_intent_id IS NOT NULL AND r.merchant_id = :merchantId AND r.store_id = :storeId"
                + terminal)
                .param("merchantId", settlement.merchantId()).param("storeId", settlement.storeId())
                .param("terminalId", settlement.terminalId()).query(String.class).list();
    }

    /** Of these gateway refunds, those SmartTab settled in another period. */
    java.util.Set<String> refundsSettledElsewhere(String settlementId, java.util.Collection<String> gatewayIds) {
        return new java.util.HashSet<>(jdbc.sql("""
                SELECT gateway_refund_id FROM refund
                WHERE gateway_refund_id = ANY(:ids) AND settlement_id IS NOT NULL AND settlement_id <> :id
                """).param("ids", gatewayIds.toArray(String[]::new)).param("id", settlementId)
                .query(String.class).list());
    }

    Optional<Settlement> openOne(String merchantId, String storeId, @Nullable String terminalId) {
        return jdbc.sql("""
                SELECT * FROM settlement WHERE merchant_id = :merchantId AND store_id = :storeId
                  AND coalesce(terminal_id, '') = coalesce(CAST(:terminalId AS text), '') AND status = 'OPEN'
                """).param("merchantId", merchantId).param("storeId", storeId).param("terminalId", terminalId)
                .query(SettlementRepository::map).optional();
    }

    Optional<Settlement> find(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM settlement WHERE id = :id AND " + scope.condition())
                .param("id", id).params(scope.params()).query(SettlementRepository::map).optional();
    }

    Optional<Settlement> lock(String id, TenantScope scope) {
        return jdbc.sql("SELECT * FROM settlement WHERE id = :id AND " + scope.condition() + " FOR UPDATE")
                .param("id", id).params(scope.params()).query(SettlementRepository::map).optional();
    }

    Instant now() {
        return jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
    }

    /**
     * Takes every succeeded payment and refund of the scope not yet in a settlement, up to {@code closedAt}, into
     * this one: what was not settled before lands in the next period closed.
     */
    void claim(Settlement settlement, Instant closedAt) {
        String terminal = settlement.terminalId() == null ? "" : " AND terminal_id = :terminalId";
        jdbc.sql("UPDATE payment SET settlement_id = :id WHERE settlement_id IS NULL AND status = 'SUCCEEDED'"
                + " AND merchant_id = :merchantId AND store_id = :storeId AND succeeded_at <= :closedAt" + terminal)
                .param("id", settlement.id()).param("merchantId", settlement.merchantId())
                .param("storeId", settlement.storeId()).param("terminalId", settlement.terminalId())
                .param("closedAt", Timestamp.from(closedAt)).update();
        jdbc.sql("UPDATE refund SET settlement_id = :id WHERE settlement_id IS NULL AND status = 'SUCCEEDED'"
                + " AND merchant_id = :merchantId AND store_id = :storeId AND succeeded_at <= :closedAt" + terminal)
                .param("id", settlement.id()).param("merchantId", settlement.merchantId())
                .param("storeId", settlement.storeId()).param("terminalId", settlement.terminalId())
                .param("closedAt", Timestamp.from(closedAt)).update();
    }

    List<SettledPayment> payments(String settlementId) {
        return jdbc.sql("SELECT * FROM payment WHERE settlement_id = :id ORDER BY seq").param("id", settlementId)
                .query((rs, row) -> {
                    String currency = rs.getString("currency");
                    return new SettledPayment(rs.getString("id"), currency, rs.getString("method"),
                            rs.getString("provider"), Money.stored(rs.getBigDecimal("amount"), currency),
                            Money.stored(rs.getBigDecimal("tip"), currency),
                            Money.stored(rs.getBigDecimal("amount_refunded"), currency),
                            rs.getString("gateway_intent_id"));
                }).list();
    }

    List<SettledRefund> refunds(String settlementId) {
        return jdbc.sql("""
                SELECT r.id, r.currency, p.method, p.provider, r.amount, r.gateway_refund_id, p.gateway_intent_id
                FROM refund r JOIN payment p ON p.id = r.payment_id
                WHERE r.settlement_id = :id ORDER BY r.seq
                """).param("id", settlementId)
                .query((rs, row) -> new SettledRefund(rs.getString("id"), rs.getString("currency"),
                        rs.getString("method"), rs.getString("provider"),
                        Money.stored(rs.getBigDecimal("amount"), rs.getString("currency")),
                        rs.getString("gateway_refund_id"), rs.getString("gateway_intent_id")))
                .list();
    }

    void insertLine(String settlementId, SettlementResponse.Line line) {
        jdbc.sql("""
                INSERT INTO settlement_line (settlement_id, currency, method, provider, payment_count, refund_count,
                    gross, refunds, tips, net)
                VALUES (:id, :currency, :method, :provider, :payments, :refundCount, :gross, :refunds, :tips, :net)
                """)
                .param("id", settlementId).param("currency", line.currency()).param("method", line.method())
                .param("provider", line.provider()).param("payments", line.paymentCount())
                .param("refundCount", line.refundCount()).param("gross", line.gross())
                .param("refunds", line.refunds()).param("tips", line.tips()).param("net", line.net())
                .update();
    }

    void insertReconciliation(String settlementId, SettlementResponse.Reconciliation row) {
        jdbc.sql("""
                INSERT INTO settlement_reconciliation (settlement_id, currency, provider, smarttab_captured,
                    gateway_captured, smarttab_refunded, gateway_refunded)
                VALUES (:id, :currency, :provider, :sc, :gc, :sr, :gr)
                """)
                .param("id", settlementId).param("currency", row.currency()).param("provider", row.provider())
                .param("sc", row.smarttabCaptured()).param("gc", row.gatewayCaptured())
                .param("sr", row.smarttabRefunded()).param("gr", row.gatewayRefunded())
                .update();
    }

    void insertDiscrepancy(String settlementId, SettlementResponse.Discrepancy row) {
        jdbc.sql("""
                INSERT INTO settlement_discrepancy (id, settlement_id, kind, currency, provider, smarttab_amount,
                    gateway_amount, payment_id, gateway_intent_id, note)
                VALUES (:id, :settlementId, :kind, :currency, :provider, :sa, :ga, :paymentId, :intentId, :note)
                """)
                .param("id", row.id()).param("settlementId", settlementId).param("kind", row.kind())
                .param("currency", row.currency()).param("provider", row.provider())
                .param("sa", row.smarttabAmount()).param("ga", row.gatewayAmount())
                .param("paymentId", row.paymentId()).param("intentId", row.gatewayIntentId())
                .param("note", row.note())
                .update();
    }

    void close(String id, Instant closedAt, String closedBy) {
        jdbc.sql("UPDATE settlement SET status = 'CLOSED', closed_at = :closedAt, closed_by = :closedBy WHERE id = :id")
                .param("id", id).param("closedAt", Timestamp.from(closedAt)).param("closedBy", closedBy).update();
    }

    List<SettlementResponse.Line> lines(String id) {
        return jdbc.sql("SELECT * FROM settlement_line WHERE settlement_id = :id ORDER BY currency, method, provider")
                .param("id", id).query((rs, row) -> {
                    String c = rs.getString("currency");
                    return new SettlementResponse.Line(c, rs.getString("method"), rs.getString("provider"),
                            rs.getInt("payment_count"), rs.getInt("refund_count"), amount(rs, "gross", c),
                            amount(rs, "refunds", c), amount(rs, "tips", c), amount(rs, "net", c));
                }).list();
    }

    List<SettlementResponse.Reconciliation> reconciliation(String id) {
        return jdbc.sql("SELECT * FROM settlement_reconciliation WHERE settlement_id = :id ORDER BY currency, provider")
                .param("id", id).query((rs, row) -> {
                    String c = rs.getString("currency");
                    BigDecimal sc = amount(rs, "smarttab_captured", c);
                    BigDecimal gc = amount(rs, "gateway_captured", c);
                    BigDecimal sr = amount(rs, "smarttab_refunded", c);
                    BigDecimal gr = amount(rs, "gateway_refunded", c);
                    return new SettlementResponse.Reconciliation(c, rs.getString("provider"), sc, gc, sr, gr,
                            sc.compareTo(gc) == 0 && sr.compareTo(gr) == 0);
                }).list();
    }

    List<SettlementResponse.Discrepancy> discrepancies(String id) {
        return jdbc.sql("SELECT * FROM settlement_discrepancy WHERE settlement_id = :id ORDER BY kind, id")
                .param("id", id).query((rs, row) -> {
                    String c = rs.getString("currency");
                    return new SettlementResponse.Discrepancy(rs.getString("id"), rs.getString("kind"), c,
                            rs.getString("provider"), nullableAmount(rs, "smarttab_amount", c),
                            nullableAmount(rs, "gateway_amount", c), rs.getString("payment_id"),
                            rs.getString("gateway_intent_id"), rs.getString("note"));
                }).list();
    }

    List<Settlement> list(TenantScope scope, @Nullable String status, @Nullable String storeId,
            @Nullable String terminalId, long below, int limit) {
        return jdbc.sql("SELECT * FROM settlement WHERE " + scope.condition() + """
                 AND seq < :below
                 AND (CAST(:status AS text) IS NULL OR status = :status)
                 AND (CAST(:storeId AS text) IS NULL OR store_id = :storeId)
                 AND (CAST(:terminalId AS text) IS NULL OR terminal_id = :terminalId)
                ORDER BY seq DESC LIMIT :limit
                """)
                .params(scope.params()).param("below", below).param("limit", limit + 1).param("status", status)
                .param("storeId", storeId).param("terminalId", terminalId)
                .query(SettlementRepository::map).list();
    }

    private static BigDecimal amount(ResultSet rs, String column, String currency) throws SQLException {
        return Money.stored(rs.getBigDecimal(column), currency);
    }

    private static @Nullable BigDecimal nullableAmount(ResultSet rs, String column, @Nullable String currency)
            throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null || currency == null ? value : Money.stored(value, currency);
    }

    private static Settlement map(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Settlement(rs.getString("id"), rs.getLong("seq"), rs.getString("merchant_id"),
                rs.getString("psp_id"), rs.getString("store_id"), rs.getString("terminal_id"), rs.getString("status"),
                rs.getString("opened_by"), rs.getString("closed_by"), rs.getTimestamp("opened_at").toInstant(),
                closed == null ? null : closed.toInstant());
    }
}
