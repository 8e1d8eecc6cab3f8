package com.mpac.smarttab.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.smarttab.list.Page;
import com.mpac.smarttab.tenant.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/payments")
@Validated
@Tag(name = "Payments")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create payment", description = "Pays a bill, or part of it (amount; default all that is "
            + "due), with a tip recorded apart. cash: tendered, answered with change. card / qr: through mpac-pgw "
            + "with provider and payment_method (sandbox: pm_card_visa, pm_qr); a QR payment answers PENDING with "
            + "qr.data and qr.image_png to show. More than is due (payments in progress count) is 409 "
            + "bill_overpayment. Requires Idempotency-Key: a retried request never pays twice.")
    PaymentResponse create(@Valid @RequestBody PaymentRequests.Create request) {
        return payments.create(Caller.current(), request);
    }

    @GetMapping
    @Operation(summary = "List payments", description = "Newest first. Filters: bill_id, status, method, "
            + "settlement_id; cursor pagination.")
    Page<PaymentResponse> list(@RequestParam(name = "bill_id", required = false) @Size(max = 64) String billId,
            @RequestParam(required = false) @Pattern(regexp = "PENDING|SUCCEEDED|FAILED") String status,
            @RequestParam(required = false) @Pattern(regexp = "cash|card|qr") String method,
            @RequestParam(name = "settlement_id", required = false) @Size(max = 64) String settlementId,
            @RequestParam(required = false) @Size(max = 20) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return payments.list(Caller.current(), billId, status, method, settlementId, Page.below(cursor), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Payment details", description = "A payment still PENDING at the gateway is looked up "
            + "there first, so a terminal polling this sees the outcome even before the webhook.")
    PaymentResponse get(@PathVariable @Size(max = 64) String id) {
        return payments.get(Caller.current().visible(), id, true);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel payment", description = "Cancels a card or QR payment still PENDING (a QR not "
            + "scanned, a card the gateway never confirmed): its PaymentIntent is canceled at mpac-pgw and the "
            + "reserved amount is due on the bill again; answers the FAILED payment (failure.code canceled or the "
            + "gateway's). 409 payment_unexpected_state for a SUCCEEDED payment (refund it) or cash; 503 when the "
            + "gateway does not answer (the payment stays PENDING). Same roles as POST /payments. Requires "
            + "Idempotency-Key.")
    PaymentResponse cancel(@PathVariable @Size(max = 64) String id) {
        return payments.cancel(Caller.current(), id);
    }

    @PostMapping("/{id}/refund")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Refund payment", description = "Partial (amount) or all that is left; never more than "
            + "captured minus refunded. Cash at once; card and QR through mpac-pgw. Terminals and cashiers up to "
            + "mpac.smarttab.refund-limits per currency in all for the payment, managers any amount. Requires Idempotency-Key.")
    RefundResponse refund(@PathVariable @Size(max = 64) String id,
            @Valid @RequestBody PaymentRequests.Refund request) {
        return payments.refund(Caller.current(), id, request);
    }
}
