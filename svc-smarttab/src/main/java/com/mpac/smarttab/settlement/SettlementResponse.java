package com.mpac.smarttab.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A settlement period. Once CLOSED it carries its frozen totals per currency, method and provider, the
 * reconciliation with the gateway per currency and provider, and every difference found as a discrepancy line;
 * {@code balanced} says there is none.
 */
record SettlementResponse(String id, String object, String status, String scope, String merchantId, String storeId,
        String terminalId, String openedBy, String closedBy, Instant openedAt, Instant closedAt, List<Line> totals,
        List<Reconciliation> reconciliation, List<Discrepancy> discrepancies, Boolean balanced) {

    record Line(String currency, String method, String provider, int paymentCount, int refundCount,
            BigDecimal gross, BigDecimal refunds, BigDecimal tips, BigDecimal net) {
    }

    record Reconciliation(String currency, String provider, BigDecimal smarttabCaptured, BigDecimal gatewayCaptured,
            BigDecimal smarttabRefunded, BigDecimal gatewayRefunded, boolean matches) {
    }

    record Discrepancy(String id, String kind, String currency, String provider, BigDecimal smarttabAmount,
            BigDecimal gatewayAmount, String paymentId, String gatewayIntentId, String note) {
    }
}
