package com.mpac.mqpay.sandbox;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/mq-pay/sandbox/vnpay")
@ConditionalOnBooleanProperty("mpac.sandbox.enabled")
@Tag(name = "Sandbox (VNPAY)", description = "Plays VNPAY where no real VNPAY is reachable. Only when "
        + "MPAC_SANDBOX_ENABLED=true (the local run); otherwise these routes answer 404. No authentication: the "
        + "caller acts as the shopper or as VNPAY.")
class SandboxController {

    private final SandboxVnpay vnpay;

    SandboxController(SandboxVnpay vnpay) {
        this.vnpay = vnpay;
    }

    record PayRequest(@NotBlank @Size(max = 512) String qrCode,
            @Pattern(regexp = "SUCCESS|FAIL") String outcome,
            @Positive @DecimalMax("999999999999") BigDecimal amount) {
    }

    record ResendRequest(@NotBlank @Size(max = 64) String txnId) {
    }

    @PostMapping("/pay")
    @Operation(summary = "Pay a QR as a shopper", description = "Scans the VietQR payload (CRC checked), records the "
            + "payment in the sandbox's VNPAY ledger, and sends mq-pay's IPN endpoint a correctly signed VNPAY-QR IPN "
            + "over HTTP (the real verification path). outcome FAIL sends a failure (code 09); amount overrides the "
            + "paid amount (to try a mismatch). Answers the IPN sent and mq-pay's answer. A bill pays once (409).")
    SandboxVnpay.Delivery pay(@Valid @RequestBody PayRequest request) {
        return vnpay.pay(request.qrCode(), "FAIL".equals(request.outcome()), request.amount());
    }

    @PostMapping("/ipn/resend")
    @Operation(summary = "Resend an IPN", description = "Sends the IPN of an earlier sandbox payment again, byte for "
            + "byte, as VNPAY does when it has no answer: mq-pay must answer 02 and change nothing.")
    SandboxVnpay.Delivery resend(@Valid @RequestBody ResendRequest request) {
        return vnpay.resend(request.txnId());
    }
}
