package com.mpac.mqpay.config;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;

/** The merchant whose rows a request may touch: the signing merchant, or the one a platform service names. */
public final class CurrentMerchant {

    private CurrentMerchant() {
    }

    public static String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof HmacAuthentication hmac) {
            return hmac.merchantId().orElseThrow(() -> new MqPayException(ErrorCode.FORBIDDEN,
                    "A platform key must name the merchant in X-MPAC-On-Behalf-Of."));
        }
        throw new MqPayException(ErrorCode.UNAUTHORIZED, "The request could not be authenticated.");
    }
}
