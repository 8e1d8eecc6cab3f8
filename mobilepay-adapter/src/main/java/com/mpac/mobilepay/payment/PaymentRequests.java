package com.mpac.mobilepay.payment;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The POST forms' JSON bodies: the GET form's parameter names. {@code accessToken} and {@code bioCode} may travel
 * here or in the query string.
 */
final class PaymentRequests {

    private PaymentRequests() {
    }

    @Schema(name = "StartPaymentRequest")
    record StartRequest(String orderId, @Schema(example = "125.50") BigDecimal amount, String terminalId,
            @Schema(example = "DKK") String currencyCode, String accessToken, String bioCode) {

        @Override
        public String toString() {
            return "StartRequest[" + orderId + ", " + terminalId + "]";
        }
    }

    @Schema(name = "StartPaymentByPosIdRequest")
    record StartByPosRequest(String orderId, @Schema(example = "125.50") BigDecimal amount, String posId,
            @Schema(example = "DKK") String currencyCode, String accessToken, String bioCode) {

        @Override
        public String toString() {
            return "StartByPosRequest[" + orderId + ", " + posId + "]";
        }
    }

    @Schema(name = "PreparePaymentRequest")
    record PrepareRequest(String orderId, String terminalId, String accessToken, String bioCode) {

        @Override
        public String toString() {
            return "PrepareRequest[" + orderId + ", " + terminalId + "]";
        }
    }

    @Schema(name = "ReadyPaymentRequest")
    record ReadyRequest(String orderId, @Schema(example = "125.50") BigDecimal amount, String terminalId,
            @Schema(example = "DKK") String currencyCode, String paymentId, String accessToken, String bioCode) {

        @Override
        public String toString() {
            return "ReadyRequest[" + paymentId + ", " + orderId + "]";
        }
    }

    @Schema(name = "CreateRefundRequest")
    record RefundRequest(@Schema(example = "25.00") BigDecimal amount, @Schema(example = "DKK") String currencyCode,
            String paymentId, String refundOrderId, String accessToken, String bioCode) {

        @Override
        public String toString() {
            return "RefundRequest[" + paymentId + ", " + refundOrderId + "]";
        }
    }
}
