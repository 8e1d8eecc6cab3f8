package com.mpac.mobilepay.pos;

import java.time.OffsetDateTime;

/** A live PoS (the document's point of sale): one per terminal. */
public record Pos(String posId, String merchantId, String terminalId, String storeId, OffsetDateTime createdAt) {
}
