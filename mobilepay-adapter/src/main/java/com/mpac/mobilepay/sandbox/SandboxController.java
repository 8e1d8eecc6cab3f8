package com.mpac.mobilepay.sandbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mobilepay.config.MobilePayProperties;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentResponse;
import com.mpac.mobilepay.payment.PaymentState;
import com.mpac.mobilepay.pos.PosService;
import com.mpac.mobilepay.sandbox.SandboxShopper.CheckInResponse;

/**
 * The sandbox: lets a test or a demo act as the shopper (check in, scan the PoS QR code, approve or reject) and as
 * MobilePay (cancel, age restriction). No authentication, as the shopper's app is not the merchant; 404 unless
 * {@code mpac.sandbox-enabled} (MPAC_SANDBOX_ENABLED) is true.
 */
@RestController
@Tag(name = "Sandbox (shopper)")
class SandboxController {

    private final SandboxShopper shopper;
    private final MobilePayProperties properties;

    SandboxController(SandboxShopper shopper, MobilePayProperties properties) {
        this.shopper = shopper;
        this.properties = properties;
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/checkin")
    @Operation(summary = "The shopper checks in at a PoS",
            description = "Body optional: {customerId, customerName}. A Prepared or Initiated payment on the PoS "
                    + "becomes Paired; a payment started later is Paired at once.")
    CheckInResponse checkIn(@PathVariable String posId, @RequestBody(required = false) CheckInRequest request) {
        enabled();
        return shopper.checkIn(posId, request == null ? null : request.customerId(),
                request == null ? null : request.customerName());
    }

    @PostMapping("/api/pos/sandbox/scan")
    @Operation(summary = "The shopper scans a PoS QR code",
            description = "Body {qrContent: \"mobilepaypos://pos?id=...&source=qr\", customerId?, customerName?}: "
                    + "checks in at that PoS.")
    CheckInResponse scan(@RequestBody ScanRequest request) {
        enabled();
        return shopper.checkIn(PosService.posIdOfQrContent(request.qrContent()), request.customerId(),
                request.customerName());
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/checkout")
    @Operation(summary = "The shopper leaves the PoS")
    CheckInResponse checkOut(@PathVariable String posId) {
        enabled();
        return shopper.checkOut(posId);
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/payment/issue")
    @Operation(summary = "The payment reaches the shopper's phone",
            description = "Paired (with an amount) → IssuedToUser.")
    PaymentResponse issue(@PathVariable String posId) {
        enabled();
        return shopper.act(posId, PaymentState.IssuedToUser);
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/payment/approve")
    @Operation(summary = "The shopper approves the payment", description = "IssuedToUser → Reserved.")
    PaymentResponse approve(@PathVariable String posId) {
        enabled();
        return shopper.act(posId, PaymentState.Reserved);
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/payment/reject")
    @Operation(summary = "The shopper rejects the payment", description = "Paired or IssuedToUser → CancelledByUser.")
    PaymentResponse reject(@PathVariable String posId) {
        enabled();
        return shopper.act(posId, PaymentState.CancelledByUser);
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/payment/reject-age-restricted")
    @Operation(summary = "MobilePay rejects the payment: the shopper is too young",
            description = "IssuedToUser → RejectedByMobilePayDueToAgeRestrictions.")
    PaymentResponse rejectAgeRestricted(@PathVariable String posId) {
        enabled();
        return shopper.act(posId, PaymentState.RejectedByMobilePayDueToAgeRestrictions);
    }

    @PostMapping("/api/pos/sandbox/pos/{posId}/payment/cancel-by-mobilepay")
    @Operation(summary = "MobilePay cancels the payment", description = "Any active state → CancelledByMobilePay.")
    PaymentResponse cancelByMobilePay(@PathVariable String posId) {
        enabled();
        return shopper.act(posId, PaymentState.CancelledByMobilePay);
    }

    private void enabled() {
        if (!properties.sandboxEnabled()) {
            throw new PosException(PosErrorCode.NotFound, "No such resource.");
        }
    }

    record CheckInRequest(String customerId, String customerName) {
    }

    record ScanRequest(String qrContent, String customerId, String customerName) {
    }
}
