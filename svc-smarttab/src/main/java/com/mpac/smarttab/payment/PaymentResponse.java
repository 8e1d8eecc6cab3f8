package com.mpac.smarttab.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.mpac.contracts.qr.QrCodeImage;

/**
 * A payment on the wire. For a QR payment still pending, {@code qr} holds what the terminal shows: the EMVCo payload
 * and a PNG of it as a data URL.
 */
record PaymentResponse(String id, String object, String status, String billId, String merchantId, String storeId,
        String terminalId, String method, String provider, String paymentMethod, String currency, BigDecimal amount,
        BigDecimal tip, BigDecimal totalCharged, @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal tendered,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal change, BigDecimal amountRefunded,
        BigDecimal amountRefundable, String gatewayPaymentIntentId, String gatewayStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) Qr qr, @JsonInclude(JsonInclude.Include.NON_NULL) Failure failure,
        String settlementId, List<RefundResponse> refunds, Instant createdAt, Instant updatedAt) {

    record Qr(String data, String imagePng, Instant expiresAt) {
    }

    record Failure(String code, String message) {
    }

    static PaymentResponse of(Payment payment, List<Refund> refunds) {
        Qr qr = (payment.qrData() != null && payment.status() == PaymentStatus.PENDING)
                ? new Qr(payment.qrData(), "data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(QrCodeImage.png(payment.qrData())), payment.qrExpiresAt())
                : null;
        Failure failure = payment.failureCode() == null ? null
                : new Failure(payment.failureCode(), payment.failureMessage());
        return new PaymentResponse(payment.id(), "payment", payment.status().name(), payment.billId(),
                payment.merchantId(), payment.storeId(), payment.terminalId(), payment.method(), payment.provider(),
                payment.paymentMethod(), payment.currency(), payment.amount(), payment.tip(), payment.captured(),
                payment.tendered(), payment.changeGiven(), payment.amountRefunded(), payment.refundable(),
                payment.gatewayIntentId(), payment.gatewayStatus(), qr, failure, payment.settlementId(),
                refunds.stream().map(RefundResponse::of).toList(), payment.createdAt(), payment.updatedAt());
    }
}

record RefundResponse(String id, String object, String paymentId, String status, String currency, BigDecimal amount,
        String reason, String gatewayRefundId, String failureMessage, String settlementId, String createdBy,
        Instant createdAt) {

    static RefundResponse of(Refund refund) {
        return new RefundResponse(refund.id(), "refund", refund.paymentId(), refund.status(), refund.currency(),
                refund.amount(), refund.reason(), refund.gatewayRefundId(), refund.failureMessage(),
                refund.settlementId(), refund.createdBy(), refund.createdAt());
    }
}
