package com.mpac.pgw.intent;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/**
 * Who is asking, reduced to what the routes need: the merchant whose intents may be touched, and, for a client
 * secret, the one intent it opens. A platform service (svc-smarttab) names its merchant in X-MPAC-On-Behalf-Of.
 */
record PaymentCaller(String merchantId, String onlyIntentId) {

    static PaymentCaller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof HmacAuthentication hmac) {
            return new PaymentCaller(hmac.merchantId().orElseThrow(() -> new ApiException(
                    ProblemTypes.VALIDATION_FAILED,
                    "A platform key acts for a merchant: name it in X-MPAC-On-Behalf-Of.")), null);
        }
        if (authentication instanceof ClientSecretAuthentication client) {
            return new PaymentCaller(client.merchantId(), client.paymentIntentId());
        }
        throw new ApiException(ProblemTypes.UNAUTHENTICATED, "Sign the request or send the intent's client secret.");
    }

    boolean isServer() {
        return onlyIntentId == null;
    }

    /** A client secret opens its own intent only; any other id is as unknown as a missing one. */
    void requireAccessTo(String intentId) {
        if (onlyIntentId != null && !onlyIntentId.equals(intentId)) {
            throw PaymentIntentService.notFound(intentId);
        }
    }
}
