package com.mpac.pgw.intent;

import java.time.Instant;

/** A list request's filters and cursor, already validated. */
record PaymentIntentQuery(String merchantId, PaymentIntentStatus status, String storeId, String terminalId,
        Instant createdGte, Instant createdLte, String startingAfter, String endingBefore, int limit) {
}
