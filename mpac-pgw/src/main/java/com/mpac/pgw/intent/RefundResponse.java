package com.mpac.pgw.intent;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RefundResponse(String id, String object, String paymentIntent, long amount, String currency,
        String status, String reason, String failureReason, long created) {

    static RefundResponse of(Refund refund) {
        return new RefundResponse(refund.id(), "refund", refund.paymentIntentId(), refund.amount(), refund.currency(),
                refund.status(), refund.reason(), refund.failureReason(), refund.created().getEpochSecond());
    }
}
