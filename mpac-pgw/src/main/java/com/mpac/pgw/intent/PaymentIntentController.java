package com.mpac.pgw.intent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

@RestController
@RequestMapping("/v1/payment_intents")
@Tag(name = "PaymentIntents", description = """
        Server routes (create, list, capture, refund) take the merchant's S2S HMAC signature; a platform service signs \
        with its own key and names the merchant in X-MPAC-On-Behalf-Of. Frontend routes (get, confirm, cancel, \
        transactions) also take the intent's client secret in the X-MPAC-Client-Secret header, for that intent only. \
        Every POST needs an Idempotency-Key. Amounts are minor units of the currency (JPY 0 decimals, USD 2).""")
class PaymentIntentController {

    private static final String ID = "pi_[0-9a-z]{1,64}";

    private final PaymentIntentService service;
    private final PaymentIntentLifecycle lifecycle;

    PaymentIntentController(PaymentIntentService service, PaymentIntentLifecycle lifecycle) {
        this.service = service;
        this.lifecycle = lifecycle;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create PaymentIntent", description = "Starts in requires_payment_method, or in "
            + "requires_confirmation when provider and payment_method are given. capture_method defaults to automatic.")
    PaymentIntentResponse create(@Valid @RequestBody PaymentIntentRequests.Create request) {
        return service.create(PaymentCaller.current(), request);
    }

    @GetMapping
    @Operation(summary = "List PaymentIntents", description = "Newest first. Page with starting_after (older) or "
            + "ending_before (newer), an id from the previous page; has_more says whether more lie that way. "
            + "created_gte/created_lte are unix seconds.")
    ListResponse<PaymentIntentResponse> list(
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
            @RequestParam(name = "starting_after", required = false) @Pattern(regexp = ID) String startingAfter,
            @RequestParam(name = "ending_before", required = false) @Pattern(regexp = ID) String endingBefore,
            @Parameter(description = "requires_payment_method, requires_confirmation, requires_action, processing, "
                    + "requires_capture, succeeded or canceled")
            @RequestParam(required = false) @Pattern(regexp = "[a-z_]{1,40}") String status,
            @RequestParam(name = "store_id", required = false) @Size(max = 64) String storeId,
            @RequestParam(name = "terminal_id", required = false) @Size(max = 64) String terminalId,
            @RequestParam(name = "created_gte", required = false) @PositiveOrZero @Max(253402300799L) Long createdGte,
            @RequestParam(name = "created_lte", required = false) @PositiveOrZero @Max(253402300799L) Long createdLte) {
        if (startingAfter != null && endingBefore != null) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "Use starting_after or ending_before, not both.");
        }
        PaymentIntentStatus statusFilter = null;
        if (status != null) {
            try {
                statusFilter = PaymentIntentStatus.of(status);
            }
            catch (IllegalArgumentException ex) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED, "status: unknown status '" + status + "'.");
            }
        }
        return service.list(new PaymentIntentQuery(PaymentCaller.current().merchantId(), statusFilter, storeId,
                terminalId, PaymentIntentService.seconds(createdGte), PaymentIntentService.seconds(createdLte),
                startingAfter, endingBefore, limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get PaymentIntent")
    PaymentIntentResponse get(@PathVariable @Size(max = 100) String id) {
        return service.get(PaymentCaller.current(), id);
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "Confirm payment", description = "Chooses the provider and payment_method (unless set at "
            + "creation) and sends the payment to the provider. The answer is succeeded, requires_capture, "
            + "requires_action (next_action: a QR code to show or a URL to open), processing (the provider has not "
            + "answered yet; reconciliation will find out) or requires_payment_method with last_payment_error.")
    PaymentIntentResponse confirm(@PathVariable @Size(max = 100) String id,
            @Valid @RequestBody(required = false) PaymentIntentRequests.Confirm request) {
        return lifecycle.confirm(PaymentCaller.current(), id,
                request == null ? new PaymentIntentRequests.Confirm(null, null) : request);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel payment", description = "From requires_payment_method, requires_confirmation, "
            + "requires_action (the provider's payment request is withdrawn) or requires_capture (the hold is "
            + "released).")
    PaymentIntentResponse cancel(@PathVariable @Size(max = 100) String id,
            @Valid @RequestBody(required = false) PaymentIntentRequests.Cancel request) {
        return lifecycle.cancel(PaymentCaller.current(), id,
                request == null ? new PaymentIntentRequests.Cancel(null) : request);
    }

    @PostMapping("/{id}/capture")
    @Operation(summary = "Capture payment", description = "Captures amount_to_capture (default: all of "
            + "amount_capturable) of a requires_capture intent; the rest of the hold is released.")
    PaymentIntentResponse capture(@PathVariable @Size(max = 100) String id,
            @Valid @RequestBody(required = false) PaymentIntentRequests.Capture request) {
        return lifecycle.capture(PaymentCaller.current(), id,
                request == null ? new PaymentIntentRequests.Capture(null) : request);
    }

    @PostMapping("/{id}/refund")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Refund payment", description = "Refunds amount (default: all that is not yet refunded) "
            + "of a succeeded intent. Refunds may repeat; together they never exceed amount_received.")
    RefundResponse refund(@PathVariable @Size(max = 100) String id,
            @Valid @RequestBody(required = false) PaymentIntentRequests.Refund request) {
        return lifecycle.refund(PaymentCaller.current(), id,
                request == null ? new PaymentIntentRequests.Refund(null, null) : request);
    }

    @GetMapping("/{id}/transactions")
    @Operation(summary = "List transactions", description = "Every interaction with a provider for this intent, "
            + "oldest first: kind (authorization, capture, cancel, refund), status, provider reference, amount, "
            + "error, and timing.")
    ListResponse<TransactionResponse> transactions(@PathVariable @Size(max = 100) String id) {
        return service.transactions(PaymentCaller.current(), id);
    }
}
