package com.mpac.mia.payment;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mia.payment.PaymentRecords.TxInfo;
import com.mpac.mia.terminal.SellerSessions;

@RestController
@Tag(name = "Transactions", description = "Transaction details and returns (refunds).")
class TransactionController {

    private final SellerSessions sessions;
    private final TransactionService transactions;

    TransactionController(SellerSessions sessions, TransactionService transactions) {
        this.sessions = sessions;
        this.transactions = transactions;
    }

    record DetailsResponse(String result, TxInfo txInfo) {
    }

    record ReturnRequest(@NotNull @Positive Long txId, BigDecimal amount, @NotNull Boolean fullRefund,
            @Size(max = 3) String ccy, @NotBlank @Size(max = 64) String reasonCode,
            @Size(max = 500) String reasonMessage) {
    }

    record ReturnResponse(String result, long requestId) {
    }

    @GetMapping("/pos/api/v1/transaction/{txId}")
    @Operation(summary = "Transaction details", description = "txInfo with rrn, approvalCode, the MCC (as the "
            + "document's mсс with Cyrillic с, and as mcc) and the SWIFT fields; another terminal's answers 404.")
    DetailsResponse details(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long txId) {
        return new DetailsResponse("success", TxInfo.of(transactions.details(sessions.authenticate(authorization),
                txId)));
    }

    @PostMapping("/pos/api/v1/transaction/return")
    @Operation(summary = "Return a payment", description = "fullRefund returns what remains; otherwise amount "
            + "(≤ paid minus already returned, else 422 amount_exceeds_remaining). reasonCode required; needs an "
            + "open shift. requestId is the id of the return transaction (type returned).")
    ReturnResponse returnPayment(@RequestHeader(name = "Authorization", required = false) String authorization,
            @Valid @RequestBody ReturnRequest request) {
        return new ReturnResponse("success", transactions.returnPayment(sessions.authenticate(authorization),
                request.txId(), request.fullRefund(), request.amount(), request.ccy(), request.reasonCode(),
                request.reasonMessage()));
    }
}
