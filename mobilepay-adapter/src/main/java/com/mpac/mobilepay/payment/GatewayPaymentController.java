package com.mpac.mobilepay.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;
import com.mpac.mobilepay.payment.GatewayPaymentRequests.CaptureRequest;
import com.mpac.mobilepay.payment.GatewayPaymentRequests.CreateRequest;
import com.mpac.mobilepay.payment.GatewayPaymentRequests.RefundRequest;

@RestController
@Validated
@RequestMapping(GatewayPaymentController.PATH)
@Tag(name = "Internal provider interface", description = "For mpac-pgw only: its platform key (S2S HMAC) with "
        + "X-MPAC-On-Behalf-Of naming the merchant. Payments are addressed by the gateway's reference (its "
        + "transaction id); they are ordinary direct payments on a PoS of the merchant (orderId = the reference), "
        + "visible through the POS API too. Outcomes are also sent to the gateway as Standard Webhooks events. "
        + "Errors in the POS API's shape.")
class GatewayPaymentController {

    static final String PATH = "/api/pos/internal/v1/payments";

    private final GatewayPayments payments;

    GatewayPaymentController(GatewayPayments payments) {
        this.payments = payments;
    }

    @PostMapping
    @Operation(summary = "Start a direct payment", description = "Idempotent on reference: a repeat answers the same "
            + "payment (another amount: Conflict 409). At terminalId's PoS (created if the terminal has none) or the "
            + "merchant's first active terminal's. Answers status pending with the PoS check-in QR the shopper scans "
            + "before approving in the app.")
    GatewayPaymentView create(@Valid @RequestBody CreateRequest request) {
        return payments.create(merchant(), request);
    }

    @GetMapping("/{reference}")
    @Operation(summary = "Query a payment by the gateway's reference")
    GatewayPaymentView find(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference) {
        return payments.find(merchant(), reference);
    }

    @PostMapping("/{reference}/capture")
    @Operation(summary = "Capture a reserved payment", description = "amount (minor units, default all) at most the "
            + "reserved amount (AmountExceedsReserved 422); the rest is released. Only a Reserved payment "
            + "(InvalidPaymentState 409); repeating a capture that happened answers the captured payment.")
    GatewayPaymentView capture(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference,
            @Valid @RequestBody(required = false) CaptureRequest request) {
        return payments.capture(merchant(), reference, request == null ? null : request.amount());
    }

    @PostMapping("/{reference}/cancel")
    @Operation(summary = "Cancel", description = "Withdraws an unanswered payment or releases a reservation; a "
            + "Captured one is InvalidPaymentState 409 (refund it). Repeating answers the payment as it is.")
    GatewayPaymentView cancel(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference) {
        return payments.cancel(merchant(), reference);
    }

    @PostMapping("/{reference}/refunds")
    @Operation(summary = "Refund a captured payment", description = "Idempotent on refundReference (another payment "
            + "or amount: Conflict 409). At most what was captured minus earlier refunds (RefundExceedsRemaining "
            + "422); only a Captured payment (InvalidPaymentState 409). Refunded at once: status succeeded.")
    GatewayRefundView refund(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference,
            @Valid @RequestBody RefundRequest request) {
        return payments.refund(merchant(), reference, request);
    }

    @GetMapping("/{reference}/refunds/{refundReference}")
    @Operation(summary = "Query a refund by the gateway's refund reference")
    GatewayRefundView findRefund(@PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String reference,
            @PathVariable @Pattern(regexp = GatewayPaymentRequests.REFERENCE) String refundReference) {
        return payments.findRefund(merchant(), reference, refundReference);
    }

    /** The merchant mpac-pgw acts for; a platform key must name it in On-Behalf-Of. */
    private static String merchant() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof HmacAuthentication hmac) {
            return hmac.merchantId().orElseThrow(() -> new PosException(PosErrorCode.Forbidden,
                    "A platform key must name the merchant in X-MPAC-On-Behalf-Of."));
        }
        throw new PosException(PosErrorCode.Unauthorized, "The request could not be authenticated.");
    }
}
