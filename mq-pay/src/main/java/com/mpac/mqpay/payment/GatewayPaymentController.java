package com.mpac.mqpay.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mqpay.config.CurrentMerchant;
import com.mpac.mqpay.payment.GatewayPaymentRequests.CreateRequest;
import com.mpac.mqpay.payment.GatewayPaymentRequests.RefundRequest;

@RestController
@Validated
@RequestMapping(GatewayPaymentController.PATH)
@Tag(name = "Internal provider interface", description = "For mpac-pgw only: its platform key (S2S HMAC) with "
        + "X-MPAC-On-Behalf-Of naming the merchant. Payments are addressed by the gateway's reference (its "
        + "transaction id); they are ordinary MQ-Pay transactions (source type mpac-pgw), visible through the "
        + "MQ-Pay API too. Outcomes are also sent to the gateway as Standard Webhooks events. Errors in MQ-Pay's "
        + "envelope.")
class GatewayPaymentController {

    static final String PATH = "/api/mq-pay/internal/v1/payments";

    private final GatewayPayments payments;

    GatewayPaymentController(GatewayPayments payments) {
        this.payments = payments;
    }

    @PostMapping
    @Operation(summary = "Create a VNPAY QR payment", description = "Idempotent on reference: a repeat answers the "
            + "same payment (another amount: TOTAL_MISMATCH 422). Answers the VietQR payload, its PNG URL, expiresAt "
            + "and status pending.")
    GatewayPaymentView create(@Valid @RequestBody CreateRequest request) {
        return payments.create(CurrentMerchant.id(), request);
    }

    @GetMapping("/{reference}")
    @Operation(summary = "Query a payment by the gateway's reference")
    GatewayPaymentView find(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference) {
        return payments.find(CurrentMerchant.id(), reference);
    }

    @PostMapping("/{reference}/cancel")
    @Operation(summary = "Withdraw the QR", description = "Cancels the unpaid payment; a paid one answers "
            + "INVALID_TRANSACTION_STATUS 409 (refund it). Repeating answers the canceled payment.")
    GatewayPaymentView cancel(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference) {
        return payments.cancel(CurrentMerchant.id(), reference);
    }

    @PostMapping("/{reference}/refunds")
    @Operation(summary = "Refund a paid payment", description = "Idempotent on refundReference. At most what was "
            + "paid minus earlier refunds (REFUND_EXCEEDS_REMAINING 422); only a paid payment (ATTEMPT_NOT_SUCCESS "
            + "409).")
    GatewayRefundView refund(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference,
            @Valid @RequestBody RefundRequest request) {
        return payments.refund(CurrentMerchant.id(), reference, request);
    }

    @GetMapping("/{reference}/refunds/{refundReference}")
    @Operation(summary = "Query a refund by the gateway's refund reference")
    GatewayRefundView findRefund(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference,
            @PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String refundReference) {
        return payments.findRefund(CurrentMerchant.id(), reference, refundReference);
    }
}
