package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mpac.mia.error.MiaException;
import com.mpac.mia.payment.PaymentRecords.QrInfo;
import com.mpac.mia.payment.PaymentRecords.TxInfo;
import com.mpac.mia.terminal.Seller;
import com.mpac.mia.terminal.SellerSessions;

@RestController
@Tag(name = "QR codes (v1, deprecated)", description = "Dynamic QR codes with a fixed amount; kept working.")
class QrV1Controller {

    private final SellerSessions sessions;
    private final QrService qrs;
    private final PaymentRepository repository;

    QrV1Controller(SellerSessions sessions, QrService qrs, PaymentRepository repository) {
        this.sessions = sessions;
        this.qrs = qrs;
        this.repository = repository;
    }

    record CreateRequest(@NotNull BigDecimal amount) {
    }

    record CreateResponse(String result, UUID qrId, Long qrExpireIn, String qrImage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckResponse(String state, String errorDescription, TxInfo txInfo) {
    }

    record ResultResponse(String result) {
    }

    @PostMapping("/pos/api/v1/qr")
    @Operation(summary = "Create a dynamic QR (deprecated)", description = "Same as POST /pos/api/v2/qr with "
            + "qrType dynamic and amountType fixed. Needs an open shift.")
    CreateResponse create(@RequestHeader(name = "Authorization", required = false) String authorization,
            @Valid @RequestBody CreateRequest request) {
        QrInfo info = qrs.create(sessions.authenticate(authorization), "dynamic", "fixed",
                new QrService.Amounts(request.amount(), null, null), 1);
        return new CreateResponse("success", info.qrId(), info.extension().qrExpireIn(), info.qrImage());
    }

    @GetMapping("/pos/api/v1/qr/{qrId}/check")
    @Operation(summary = "Check a dynamic QR (deprecated)", description = "state active, paid, cancelled or "
            + "expired; txInfo once paid. Dynamic codes only. An unknown code, or another terminal's, answers 200 "
            + "with state not_found and errorDescription.")
    CheckResponse check(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID qrId) {
        Seller seller = sessions.authenticate(authorization);
        QrService.QrView view = qrs.get(seller, qrId, false).orElse(null);
        if (view == null) {
            return new CheckResponse(QrController.NOT_FOUND, "QR code not found.", null);
        }
        if (!view.info().qrType().equals("dynamic")) {
            throw new MiaException(org.springframework.http.HttpStatus.CONFLICT, "operation_not_allowed_for_qr_type",
                    "This deprecated operation handles dynamic QR codes only.");
        }
        TxInfo tx = view.latest() == null ? null
                : repository.extensionPayments(view.latest().extensionId()).stream().findFirst().map(TxInfo::of)
                        .orElse(null);
        return new CheckResponse(view.state().name(), null, tx);
    }

    @DeleteMapping("/pos/api/v1/qr/{qrId}")
    @Operation(summary = "Cancel a dynamic QR (deprecated)", description = "Dynamic codes only.")
    ResultResponse cancel(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID qrId) {
        qrs.cancel(sessions.authenticate(authorization), qrId, true);
        return new ResultResponse("success");
    }
}
