package com.mpac.contracts.sync;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A receiver's answer to a configuration push: which version it now holds and what it did with the one sent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MerchantSyncResult(String merchantId, long version, Outcome outcome) {

    public enum Outcome {
        /** The pushed version was newer and is now in force. */
        APPLIED,
        /** The receiver already held exactly this version. */
        UNCHANGED,
        /** The receiver holds a newer version; the push was ignored. */
        STALE
    }
}
