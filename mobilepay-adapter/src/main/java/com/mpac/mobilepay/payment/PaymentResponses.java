package com.mpac.mobilepay.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRootName;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * The bodies of the payment and refund answers. Amounts are decimals in the currency's scale. In XML a list is a
 * wrapper named like the JSON field holding one element per item ({@code <payments><payment>...}).
 */
public final class PaymentResponses {

    private PaymentResponses() {
    }

    @JsonRootName("Payment")
    @Schema(name = "Payment", description = "A payment and where it stands")
    public record PaymentResponse(String paymentId, String orderId, String posId, String terminalId, String storeId,
            @Schema(description = "DIRECT (payment/start) or PREPARED (payment/prepare + payment/ready)") String flow,
            PaymentState status,
            @Schema(description = "Reserved amount; null while a prepared payment waits for payment/ready",
                    example = "125.50") BigDecimal amount,
            @Schema(example = "DKK") String currencyCode,
            @Schema(description = "Set once Captured (may be lower than amount)") BigDecimal capturedAmount,
            @Schema(description = "Sum of the captured refunds") BigDecimal refundedAmount,
            @Schema(description = "The shopper paired with the payment") String customerId,
            OffsetDateTime createdAt, OffsetDateTime updatedAt,
            @Schema(description = "When an unanswered payment becomes ExpiredAndCancelled") OffsetDateTime expiresAt,
            OffsetDateTime reservedAt, OffsetDateTime capturedAt, OffsetDateTime cancelledAt) {
    }

    @JsonRootName("PaymentStatus")
    @Schema(name = "PaymentStatus")
    public record PaymentStatusResponse(String paymentId, String orderId, PaymentState status, BigDecimal amount,
            String currencyCode) {
    }

    @JsonRootName("Payments")
    @Schema(name = "Payments")
    public record PaymentsResponse(
            @JacksonXmlElementWrapper(localName = "payments") @JacksonXmlProperty(localName = "payment")
            List<PaymentResponse> payments) {
    }

    @JsonRootName("PaymentIds")
    @Schema(name = "PaymentIds", description = "The ids of the payments that match (newest first)")
    public record PaymentIdsResponse(String orderId,
            @JacksonXmlElementWrapper(localName = "paymentIds") @JacksonXmlProperty(localName = "paymentId")
            List<String> paymentIds) {
    }

    @JsonRootName("Refund")
    @Schema(name = "Refund")
    public record RefundResponse(String refundId, String paymentId, String refundOrderId, BigDecimal amount,
            String currencyCode,
            @Schema(description = "Initiated, Captured or Cancelled") RefundState status,
            OffsetDateTime createdAt, OffsetDateTime capturedAt, OffsetDateTime cancelledAt) {
    }

    @JsonRootName("RefundIds")
    @Schema(name = "RefundIds")
    public record RefundIdsResponse(String paymentId,
            @JacksonXmlElementWrapper(localName = "refundIds") @JacksonXmlProperty(localName = "refundId")
            List<String> refundIds) {
    }
}
