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
import com.mpac.mobilepay.payment.PaymentRequests.PrepareRequest;
import com.mpac.mobilepay.payment.PaymentRequests.ReadyRequest;
import com.mpac.mobilepay.payment.PaymentRequests.StartByPosRequest;
import com.mpac.mobilepay.payment.PaymentRequests.StartRequest;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentIdsResponse;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentResponse;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentStatusResponse;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentsResponse;

/** PointOfSalesPayments. Every route also takes {@code accessToken} and {@code bioCode}. */
@RestController
@Tag(name = "PointOfSalesPayments")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @GetMapping("/api/pos/payment/start")
    @Operation(summary = "Start a payment at a terminal's PoS",
            description = "Only when the PoS has no active payment (else 409 ActivePaymentExists). The payment is "
                    + "Initiated, or Paired at once when a shopper is already checked in at the PoS.")
    PaymentResponse start(@RequestParam String orderId, @RequestParam BigDecimal amount,
            @RequestParam String terminalId, @RequestParam String currencyCode) {
        return payments.startByTerminal(PosCaller.current(), orderId, amount, currencyCode, terminalId);
    }

    @PostMapping("/api/pos/payment/start")
    @Operation(summary = "Start a payment at a terminal's PoS (POST)", description = "As the GET form; JSON body.")
    PaymentResponse startByPost(@RequestBody StartRequest request) {
        return payments.startByTerminal(PosCaller.current(), request.orderId(), request.amount(),
                request.currencyCode(), request.terminalId());
    }

    @GetMapping("/api/pos/payment/start/byPosId")
    @Operation(summary = "Start a payment at a PoS", description = "As payment/start, naming the PoS.")
    PaymentResponse startByPos(@RequestParam String orderId, @RequestParam BigDecimal amount,
            @RequestParam String posId, @RequestParam String currencyCode) {
        return payments.startByPos(PosCaller.current(), orderId, amount, currencyCode, posId);
    }

    @PostMapping("/api/pos/payment/start/byPosId")
    @Operation(summary = "Start a payment at a PoS (POST)", description = "As the GET form; JSON body.")
    PaymentResponse startByPosByPost(@RequestBody StartByPosRequest request) {
        return payments.startByPos(PosCaller.current(), request.orderId(), request.amount(), request.currencyCode(),
                request.posId());
    }

    @GetMapping("/api/pos/payment/prepare")
    @Operation(summary = "Prepare a payment (amount not known yet)",
            description = "The payment is Prepared (or Paired, when a shopper is checked in); call payment/ready "
                    + "with the amount. Only when the PoS has no active payment.")
    PaymentResponse prepare(@RequestParam String orderId, @RequestParam String terminalId) {
        return payments.prepare(PosCaller.current(), orderId, terminalId);
    }

    @PostMapping("/api/pos/payment/prepare")
    @Operation(summary = "Prepare a payment (POST)", description = "As the GET form; JSON body.")
    PaymentResponse prepareByPost(@RequestBody PrepareRequest request) {
        return payments.prepare(PosCaller.current(), request.orderId(), request.terminalId());
    }

    @GetMapping("/api/pos/payment/ready")
    @Operation(summary = "Make a prepared payment ready with its amount",
            description = "Only a payment made by payment/prepare and not readied yet (else 409 PaymentNotPrepared)."
                    + " Prepared becomes Initiated; a Paired one stays Paired, now with its amount.")
    PaymentResponse ready(@RequestParam String orderId, @RequestParam BigDecimal amount,
            @RequestParam String terminalId, @RequestParam String currencyCode, @RequestParam String paymentId) {
        return payments.ready(PosCaller.current(), paymentId, orderId, amount, currencyCode, terminalId);
    }

    @PostMapping("/api/pos/payment/ready")
    @Operation(summary = "Make a prepared payment ready (POST)", description = "As the GET form; JSON body.")
    PaymentResponse readyByPost(@RequestBody ReadyRequest request) {
        return payments.ready(PosCaller.current(), request.paymentId(), request.orderId(), request.amount(),
                request.currencyCode(), request.terminalId());
    }

    @GetMapping("/api/pos/payment/details")
    @Operation(summary = "A payment's details")
    PaymentResponse details(@RequestParam String paymentId) {
        return payments.details(PosCaller.current(), paymentId);
    }

    @GetMapping("/api/pos/payments")
    @Operation(summary = "List payments",
            description = "The active payments (Prepared, Initiated, Paired, IssuedToUser, Reserved) when no state "
                    + "is given; the Captured ones with state=Captured. orderId and terminalId narrow the list.")
    PaymentsResponse list(@RequestParam(required = false) String state,
            @RequestParam(required = false) String orderId, @RequestParam(required = false) String terminalId) {
        return payments.list(PosCaller.current(), state, orderId, terminalId);
    }

    @GetMapping("/api/pos/payment/status")
    @Operation(summary = "A payment's status", description = "One of the document's eleven states.")
    PaymentStatusResponse status(@RequestParam String paymentId) {
        return payments.status(PosCaller.current(), paymentId);
    }

    @GetMapping("/api/pos/payment/capture")
    @Operation(summary = "Capture a Reserved payment",
            description = "Only from Reserved (else 409 InvalidPaymentState). amount may be lower than the reserved "
                    + "amount (never higher: 422 AmountExceedsReserved); without amount the whole reservation.")
    PaymentResponse capture(@RequestParam String paymentId, @RequestParam(required = false) BigDecimal amount) {
        return payments.capture(PosCaller.current(), paymentId, amount);
    }

    @GetMapping("/api/pos/payment/cancel")
    @Operation(summary = "Cancel a payment",
            description = "In any state but Captured and the final states; the payment becomes CancelledByClient.")
    PaymentResponse cancel(@RequestParam String paymentId) {
        return payments.cancel(PosCaller.current(), paymentId);
    }

    @GetMapping("/api/pos/payment/id/retrieve/bystate")
    @Operation(summary = "Recover lost payment ids by orderId and state",
            description = "Works only for state=Captured (else 400).")
    PaymentIdsResponse retrieveByState(@RequestParam String orderId, @RequestParam String state) {
        return payments.retrieveByState(PosCaller.current(), orderId, state);
    }

    @GetMapping("/api/pos/payment/id/retrieve/byterminal")
    @Operation(summary = "Recover lost payment ids by orderId at a terminal's PoS",
            description = "paymentState (optional) narrows to one of the eleven states.")
    PaymentIdsResponse retrieveByTerminal(@RequestParam String orderId, @RequestParam String terminalId,
            @RequestParam(required = false) String paymentState) {
        return payments.retrieveByTerminal(PosCaller.current(), orderId, terminalId, paymentState);
    }

    @GetMapping("/api/pos/payment/id/retrieve/byposId")
    @Operation(summary = "Recover lost payment ids by orderId at a PoS",
            description = "paymentState (optional) narrows to one of the eleven states.")
    PaymentIdsResponse retrieveByPos(@RequestParam String orderId, @RequestParam String posId,
            @RequestParam(required = false) String paymentState) {
        return payments.retrieveByPos(PosCaller.current(), orderId, posId, paymentState);
    }
}
