package com.mpac.mia.payment;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mia.terminal.Seller;
import com.mpac.mia.terminal.SellerSessions;

@RestController
@Validated
@Tag(name = "Reports and receipts", description = "format json (reportJson), txt (reportText lines), pdf or png "
        + "(reportBinary, base64); default pdf. isFullReport adds the transaction list.")
class ReportController {

    private static final String FORMATS = "pdf|png|txt|json";

    private final SellerSessions sessions;
    private final ReportService reports;

    ReportController(SellerSessions sessions, ReportService reports) {
        this.sessions = sessions;
        this.reports = reports;
    }

    record ShortReport(String result, String report) {
    }

    @GetMapping("/pos/api/v2/shift/{shiftId}/z-report")
    @Operation(summary = "Z-report of a closed shift", description = "409 shift_not_closed for an open shift; "
            + "another terminal's shift answers 404.")
    ReportService.ReportResponse zReport(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID shiftId, @RequestParam(defaultValue = "pdf") @Pattern(regexp = FORMATS) String format,
            @RequestParam(defaultValue = "false") boolean isFullReport) {
        ReportService.ShiftReport report = reports.shiftReport(sessions.authenticate(authorization), shiftId, true,
                isFullReport);
        return ReportService.render(format, report, ReportService.text(report, true));
    }

    @GetMapping("/pos/api/v1/shift/{shiftId}/z-report")
    @Operation(summary = "Z-report of a closed shift, short", description = "{result, report}: the full report as "
            + "plain text, lines separated by \\n.")
    ShortReport shortZReport(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID shiftId) {
        ReportService.ShiftReport report = reports.shiftReport(sessions.authenticate(authorization), shiftId, true,
                true);
        return new ShortReport("success", String.join("\n", ReportService.text(report, true)));
    }

    @GetMapping("/pos/api/v2/shift/{shiftId}/x-report")
    @Operation(summary = "X-report of an open shift", description = "409 shift_not_open for a closed shift.")
    ReportService.ReportResponse xReport(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID shiftId, @RequestParam(defaultValue = "pdf") @Pattern(regexp = FORMATS) String format,
            @RequestParam(defaultValue = "false") boolean isFullReport) {
        ReportService.ShiftReport report = reports.shiftReport(sessions.authenticate(authorization), shiftId, false,
                isFullReport);
        return ReportService.render(format, report, ReportService.text(report, false));
    }

    @GetMapping("/pos/api/v2/transaction/{txId}/receipt")
    @Operation(summary = "Receipt of a transaction", description = "transactionId is the transaction id, 8 digits.")
    ReportService.ReportResponse receipt(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable long txId, @RequestParam(defaultValue = "pdf") @Pattern(regexp = FORMATS) String format) {
        Seller seller = sessions.authenticate(authorization);
        ReportService.Receipt receipt = reports.receipt(seller, txId);
        return ReportService.render(format, receipt, ReportService.text(receipt));
    }
}
