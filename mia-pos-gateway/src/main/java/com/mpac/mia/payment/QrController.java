package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mpac.mia.payment.PaymentRecords.ExtensionInfo;
import com.mpac.mia.payment.PaymentRecords.QrInfo;
import com.mpac.mia.payment.PaymentRecords.TxInfo;
import com.mpac.mia.terminal.SellerSessions;

@RestController
@Validated
@Tag(name = "QR codes (v2)", description = "Dynamic, static and hybrid QR codes with fixed, free or controlled "
        + "amounts; extensions are payment requests on a code. qrText is an EMVCo payload, qrImage a base64 PNG.")
class QrController {

    /** The state the document's examples show for a code or extension this terminal does not have. */
    static final String NOT_FOUND = "not_found";

    private final SellerSessions sessions;
    private final QrService qrs;

    QrController(SellerSessions sessions, QrService qrs) {
        this.sessions = sessions;
        this.qrs = qrs;
    }

    record ExtensionRequest(BigDecimal amount, BigDecimal minAmount, BigDecimal maxAmount) {

        QrService.Amounts amounts() {
            return new QrService.Amounts(amount, minAmount, maxAmount);
        }
    }

    record CreateQrRequest(@NotNull @Pattern(regexp = "dynamic|static|hybrid") String qrType,
            @NotNull @Pattern(regexp = "fixed|free|controlled") String amountType, ExtensionRequest extension) {
    }

    record CreateQrResponse(String result, QrInfo qrInfo) {
    }

    record ActiveResponse(String result, List<QrInfo> codes) {
    }

    /** {@code extensionIfo} as the document spells it, and {@code extensionInfo} beside it. */
    record ExtensionResponse(String result, ExtensionInfo extensionIfo, ExtensionInfo extensionInfo) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExtensionCheckResponse(String state, String errorDescription, TxInfo lastTxInfo, int totalPayments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QrStateResponse(String state, QrInfo qrInfo) {
    }

    record ResultResponse(String result) {
    }

    @GetMapping("/pos/api/v2/qr/active")
    @Operation(summary = "Active QR codes", description = "The terminal's active codes, newest first, of one type "
            + "when type is given; qrImage only with isImageRequired=true.")
    ActiveResponse active(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(required = false) @Pattern(regexp = "dynamic|static|hybrid") String type,
            @RequestParam(defaultValue = "false") boolean isImageRequired) {
        return new ActiveResponse("success", qrs.active(sessions.authenticate(authorization), type, isImageRequired));
    }

    @PostMapping("/pos/api/v2/qr")
    @Operation(summary = "Create a QR code", description = "Needs an open shift. No extension for a free amount or "
            + "a hybrid code (400); fixed needs extension.amount, controlled extension.minAmount ≤ maxAmount. "
            + "Amounts in MDL, at most 2 decimals. qrExpireIn (seconds) comes from the terminal's qrTtl.")
    CreateQrResponse create(@RequestHeader(name = "Authorization", required = false) String authorization,
            @Valid @RequestBody CreateQrRequest request) {
        return new CreateQrResponse("success", qrs.create(sessions.authenticate(authorization), request.qrType(),
                request.amountType(), request.extension() == null ? null : request.extension().amounts(), 2));
    }

    @GetMapping("/pos/api/v2/qr/{qrId}")
    @Operation(summary = "Get a QR code", description = "state is active, paid, cancelled or expired; the extension "
            + "appears only while active. An unknown code, or another terminal's, answers 200 with state not_found "
            + "and nothing else, as the document's example shows.")
    QrStateResponse get(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID qrId, @RequestParam(defaultValue = "false") boolean isImageRequired) {
        return qrs.get(sessions.authenticate(authorization), qrId, isImageRequired)
                .map(view -> new QrStateResponse(view.state().name(), view.info()))
                .orElseGet(() -> new QrStateResponse(NOT_FOUND, null));
    }

    @DeleteMapping("/pos/api/v2/qr/{qrId}")
    @Operation(summary = "Cancel a QR code", description = "Cancels the code and its active extension; 409 when it "
            + "is no longer active.")
    ResultResponse cancel(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID qrId) {
        qrs.cancel(sessions.authenticate(authorization), qrId, false);
        return new ResultResponse("success");
    }

    @PostMapping("/pos/api/v2/qr/{qrId}/extension")
    @Operation(summary = "Create an extension", description = "Static and hybrid codes with a fixed or controlled "
            + "amount only (409 operation_not_allowed_for_qr_type for dynamic or free). Replaces the code's active "
            + "extension. Needs an open shift.")
    ExtensionResponse createExtension(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID qrId, @RequestBody ExtensionRequest request) {
        ExtensionInfo info = qrs.createExtension(sessions.authenticate(authorization), qrId,
                request == null ? null : request.amounts());
        return new ExtensionResponse("success", info, info);
    }

    @GetMapping("/pos/api/v2/qr/extension/{extensionId}/check")
    @Operation(summary = "Check an extension", description = "state active, paid, cancelled or expired; "
            + "lastTxInfo the latest payment, totalPayments their number. An unknown extension, or another "
            + "terminal's, answers 200 with state not_found and errorDescription.")
    ExtensionCheckResponse checkExtension(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID extensionId) {
        return qrs.checkExtension(sessions.authenticate(authorization), extensionId)
                .map(check -> new ExtensionCheckResponse(check.extension().state().name(), null,
                        check.payments().isEmpty() ? null : TxInfo.of(check.payments().getFirst()),
                        check.payments().size()))
                .orElseGet(() -> new ExtensionCheckResponse(NOT_FOUND, "QR extension not found.", null, 0));
    }

    @DeleteMapping("/pos/api/v2/qr/extension/{extensionId}")
    @Operation(summary = "Cancel an extension", description = "Hybrid codes only (409 "
            + "operation_not_allowed_for_qr_type otherwise); 409 extension_not_active when no longer active.")
    ResultResponse cancelExtension(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID extensionId) {
        qrs.cancelExtension(sessions.authenticate(authorization), extensionId);
        return new ResultResponse("success");
    }
}
