package com.mpac.mobilepay.payment;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mobilepay.merchant.PosCaller;
import com.mpac.mobilepay.payment.PaymentRequests.RefundRequest;
import com.mpac.mobilepay.payment.PaymentResponses.RefundIdsResponse;
import com.mpac.mobilepay.payment.PaymentResponses.RefundResponse;

/** PointOfSalesRefunds. Every route also takes {@code accessToken} and {@code bioCode}. */
@RestController
@Tag(name = "PointOfSalesRefunds")
class RefundController {

    private final PaymentService payments;

    RefundController(PaymentService payments) {
        this.payments = payments;
    }

    @GetMapping("/api/pos/refund/create")
    @Operation(summary = "Create a refund",
            description = "Of a Captured payment, in its currency; never more than the captured amount minus the "
                    + "refunds not cancelled (else 422 RefundExceedsRemaining). The refund is Initiated.")
    RefundResponse create(@RequestParam BigDecimal amount, @RequestParam String currencyCode,
            @RequestParam String paymentId, @RequestParam String refundOrderId) {
        return payments.createRefund(PosCaller.current(), paymentId, amount, currencyCode, refundOrderId);
    }

    @PostMapping("/api/pos/refund/create")
    @Operation(summary = "Create a refund (POST)", description = "As the GET form; JSON body.")
    RefundResponse createByPost(@RequestBody RefundRequest request) {
        return payments.createRefund(PosCaller.current(), request.paymentId(), request.amount(),
                request.currencyCode(), request.refundOrderId());
    }

    @GetMapping("/api/pos/refund/details")
    @Operation(summary = "A refund's details")
    RefundResponse details(@RequestParam String refundId) {
        return payments.refund(PosCaller.current(), refundId);
    }

    @GetMapping("/api/pos/refunds")
    @Operation(summary = "The refund ids of a payment")
    RefundIdsResponse list(@RequestParam String paymentId) {
        return payments.refundIds(PosCaller.current(), paymentId);
    }

    @GetMapping("/api/pos/refund/capture")
    @Operation(summary = "Capture a refund", description = "Initiated → Captured (else 409 InvalidRefundState).")
    RefundResponse capture(@RequestParam String refundId) {
        return payments.moveRefund(PosCaller.current(), refundId, RefundState.Captured);
    }

    @GetMapping("/api/pos/refund/cancel")
    @Operation(summary = "Cancel a refund", description = "Initiated → Cancelled (else 409 InvalidRefundState).")
    RefundResponse cancel(@RequestParam String refundId) {
        return payments.moveRefund(PosCaller.current(), refundId, RefundState.Cancelled);
    }
}
