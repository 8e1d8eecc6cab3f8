package com.mpac.mqpay.vnpay;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.mpac.mqpay.error.ErrorEnvelope;

/**
 * VNPAY-QR's IPN answer {@code {"code", "message", "data": {"txnId"}}}; refusals also carry MQ-Pay's error object
 * (e.g. {@code SIGNATURE_MISMATCH}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VnpayIpnResponse(String code, String message, Data data, ErrorEnvelope.Error error) {

    public record Data(String txnId) {
    }
}
