package com.mpac.mqpay.payment;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mqpay.config.CurrentMerchant;
import com.mpac.mqpay.payment.PaymentRequests.CancelRequest;
import com.mpac.mqpay.payment.PaymentRequests.CheckoutRequest;
import com.mpac.mqpay.payment.PaymentRequests.RefundRequest;
import com.mpac.mqpay.payment.PaymentRequests.SystemIpnRequest;
import com.mpac.mqpay.payment.PaymentRequests.VerifyRequest;
import com.mpac.mqpay.payment.PaymentResponses.CancelResponse;
import com.mpac.mqpay.payment.PaymentResponses.CheckoutResponse;
import com.mpac.mqpay.payment.PaymentResponses.RefundResponse;
import com.mpac.mqpay.payment.PaymentResponses.SystemIpnResponse;
import com.mpac.mqpay.payment.PaymentResponses.VerifyResponse;

@RestController
@RequestMapping("/api/mq-pay/payments")
@Tag(name = "Payments", description = "Checkout, confirm, cancel, verify and refund. Merchant back ends sign every "
        + "request with their API key (S2S HMAC, X-MPAC-* headers); an Idempotency-Key header is honoured when sent. "
        + "Errors answer {\"error\":{\"code\",\"message\"}}: VALIDATION_ERROR 400, UNAUTHORIZED 401, "
        + "PAYMENT_ATTEMPT_NOT_FOUND/TRANSACTION_NOT_FOUND 404 (also for another merchant's ids), "
        + "INVALID_TRANSACTION_STATUS/INVALID_ATTEMPT_STATUS/ATTEMPT_NOT_SUCCESS 409, PROVIDER_NOT_CONFIGURED/"
        + "AMOUNT_EXCEEDS_REMAINING/TOTAL_MISMATCH/REFUND_EXCEEDS_REMAINING 422.")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @PostMapping("/checkout")
    @Operation(summary = "Create payment (checkout)", description = "Opens the source's transaction (type + id; "
            + "total fixed at the first checkout) or adds an attempt to it (split tender). VNPAY_QR_MMS/100_QR_CODE "
            + "answers a VietQR payload, a PNG URL and expiresAt, attempt 204_SENT; SYSTEM/200_CASH answers attempt "
            + "100_NEW, confirmed by /payments/system/ipn. Refused on a settled, cancelled, blocked or closed "
            + "transaction (INVALID_TRANSACTION_STATUS 409), when the provider is not enabled "
            + "(PROVIDER_NOT_CONFIGURED 422), or when the amount exceeds what is left (AMOUNT_EXCEEDS_REMAINING 422).")
    CheckoutResponse checkout(@Valid @RequestBody CheckoutRequest request) {
        return payments.checkout(CurrentMerchant.id(), request);
    }

    @PostMapping("/system/ipn")
    @Operation(summary = "Confirm system (cash) payment", description = "Confirms a SYSTEM attempt with the amount "
            + "tendered: up to the attempt's amount is applied, the rest is change. The transaction becomes "
            + "300_PARTIAL until its total is paid, then 304_SETTLED. A confirmed attempt answers "
            + "INVALID_ATTEMPT_STATUS 409.")
    SystemIpnResponse confirmSystemPayment(@Valid @RequestBody SystemIpnRequest request) {
        return payments.confirmSystemPayment(CurrentMerchant.id(), request);
    }

    @PostMapping("/cancel")
    @Operation(summary = "Cancel payment attempt", description = "attemptId: cancels one open attempt (it becomes "
            + "505_CANCELLED; a 200_CANCEL_PAYMENT child records it); the transaction keeps its status (100_NEW, or "
            + "300_PARTIAL when money was paid). transactionId: cancels every open attempt and the transaction "
            + "(505_CANCELLED); refused with INVALID_TRANSACTION_STATUS when money is kept. A successful attempt "
            + "is refunded, not cancelled (INVALID_ATTEMPT_STATUS 409).")
    CancelResponse cancel(@Valid @RequestBody CancelRequest request) {
        return payments.cancel(CurrentMerchant.id(), request);
    }

    @PostMapping("/verify")
    @Operation(summary = "Verify payment attempt", description = "The attempt's status and the provider's own view "
            + "(VNPAY's check-transaction answer, from the sandbox): responseCode 00 paid, 01 unknown/not paid, "
            + "02 failed, 99 provider not reachable. Read-only.")
    VerifyResponse verify(@Valid @RequestBody VerifyRequest request) {
        return payments.verify(CurrentMerchant.id(), request.attemptId());
    }

    @PostMapping("/refund")
    @Operation(summary = "Refund payment", description = "Records a 300_REFUND_PAYMENT child attempt (302_SUCCESS). "
            + "Only a 302_SUCCESS payment attempt (ATTEMPT_NOT_SUCCESS 409), never more than it collected minus "
            + "earlier refunds (REFUND_EXCEEDS_REMAINING 422), checked under the transaction's row lock. A settled "
            + "transaction refunded in full becomes 404_CLOSED.")
    RefundResponse refund(@Valid @RequestBody RefundRequest request) {
        return payments.refund(CurrentMerchant.id(), request);
    }
}
