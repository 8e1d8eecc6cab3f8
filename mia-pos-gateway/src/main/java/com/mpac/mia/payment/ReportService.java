package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mpac.mia.error.MiaException;
import com.mpac.mia.merchant.Terminal;
import com.mpac.mia.payment.PaymentRecords.ShiftRow;
import com.mpac.mia.payment.PaymentRecords.TxRow;
import com.mpac.mia.terminal.Seller;

/**
 * X-reports (open shift), Z-reports (closed shift) and receipts, in json, txt, pdf or png. Counts and sums come
 * from the shift's transactions: payments, cancellations (returns) and total = payments − cancellations.
 */
@Service
class ReportService {

    private final PaymentRepository repository;
    private final Clock clock;

    ReportService(PaymentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    record ReportTransaction(String transactionType, long transactionId, LocalDateTime transactionDateTime,
            BigDecimal transactionAmount, String transactionCcy) {
    }

    record ReportTransactions(List<ReportTransaction> data, int recordCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ShiftReport(LocalDateTime reportDateTime, String terminalType, String terminalId, long merchantId,
            String merchantIdno, LocalDateTime workShiftEndDateTime, String merchant, String store, String operator,
            ReportTransactions transactions, int paymentCount, BigDecimal paymentSum, int cancellationCount,
            BigDecimal cancellationSum, BigDecimal totalSum) {
    }

    record Receipt(String merchant, String store, String storeAddress, String terminalId,
            LocalDateTime transactionDateTime, String transactionId, String swiftMessageId, String swiftPayerBank,
            BigDecimal amount, String ccy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReportResponse(Object reportJson, String result, String reportBinary, List<String> reportText) {
    }

    @Transactional(readOnly = true)
    ShiftReport shiftReport(Seller seller, UUID shiftId, boolean closed, boolean full) {
        ShiftRow shift = repository.shift(shiftId, seller.terminal().terminalId())
                .orElseThrow(() -> MiaException.notFound("Shift"));
        if (closed && !shift.status().equals("CLOSED")) {
            throw MiaException.conflict("shift_not_closed", "A Z-report is for a closed shift; use the X-report.");
        }
        if (!closed && !shift.status().equals("OPEN")) {
            throw MiaException.conflict("shift_not_open", "An X-report is for an open shift; use the Z-report.");
        }
        List<TxRow> rows = repository.allShiftTransactions(shiftId);
        int payments = 0;
        int cancellations = 0;
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        BigDecimal cancelled = BigDecimal.ZERO.setScale(2);
        List<ReportTransaction> data = new ArrayList<>();
        for (TxRow tx : rows) {
            boolean payment = tx.type().equals("paid");
            if (payment) {
                payments++;
                paid = paid.add(tx.amount());
            }
            else {
                cancellations++;
                cancelled = cancelled.add(tx.amount());
            }
            data.add(new ReportTransaction(payment ? "payment" : "cancellation", tx.id(),
                    PaymentRecords.local(tx.createdAt()), tx.amount(), tx.ccy()));
        }
        Terminal terminal = seller.terminal();
        return new ShiftReport(PaymentRecords.local(clock.instant()), "MiaPos", terminal.miaTerminalId(),
                terminal.merchantNo(), terminal.idno(),
                PaymentRecords.local(shift.closedAt() == null ? clock.instant() : shift.closedAt()),
                terminal.merchantName(), terminal.storeName(), repository.sellerEmail(shift.sellerId()),
                full ? new ReportTransactions(data, data.size()) : null, payments, paid, cancellations, cancelled,
                paid.subtract(cancelled));
    }

    @Transactional(readOnly = true)
    Receipt receipt(Seller seller, long txId) {
        TxRow tx = repository.transaction(txId, seller.terminal().terminalId(), false)
                .orElseThrow(() -> MiaException.notFound("Transaction"));
        Terminal terminal = seller.terminal();
        return new Receipt(terminal.merchantName(), terminal.storeName(), terminal.storeName(),
                terminal.miaTerminalId(), PaymentRecords.local(tx.createdAt()), "%08d".formatted(tx.id()),
                tx.swiftMessageId(), tx.swiftPayerBank(), tx.amount(), tx.ccy());
    }

    static List<String> text(ShiftReport report, boolean zReport) {
        List<String> lines = new ArrayList<>();
        lines.add(zReport ? "Z-REPORT" : "X-REPORT");
        lines.add("Merchant: " + report.merchant());
        lines.add("IDNO: " + report.merchantIdno());
        lines.add("Store: " + report.store());
        lines.add("Terminal: " + report.terminalId());
        lines.add("Operator: " + report.operator());
        lines.add("Report date: " + report.reportDateTime());
        lines.add("Shift end: " + report.workShiftEndDateTime());
        lines.add("----------------------------------------");
        if (report.transactions() != null) {
            for (ReportTransaction tx : report.transactions().data()) {
                lines.add("%-12s #%-8d %12s %s".formatted(tx.transactionType(), tx.transactionId(),
                        tx.transactionAmount().toPlainString(), tx.transactionCcy()));
            }
            lines.add("----------------------------------------");
        }
        lines.add("Payments: " + report.paymentCount() + "  Sum: " + report.paymentSum().toPlainString() + " MDL");
        lines.add("Cancellations: " + report.cancellationCount() + "  Sum: "
                + report.cancellationSum().toPlainString() + " MDL");
        lines.add("Total: " + report.totalSum().toPlainString() + " MDL");
        return lines;
    }

    static List<String> text(Receipt receipt) {
        return List.of("RECEIPT", "Merchant: " + receipt.merchant(), "Store: " + receipt.store(),
                "Address: " + receipt.storeAddress(), "Terminal: " + receipt.terminalId(),
                "Date: " + receipt.transactionDateTime(), "Transaction: " + receipt.transactionId(),
                "SWIFT message: " + receipt.swiftMessageId(), "Payer bank: " + receipt.swiftPayerBank(),
                "Amount: " + receipt.amount().toPlainString() + " " + receipt.ccy());
    }

    static ReportResponse render(String format, Object json, List<String> lines) {
        return switch (format) {
            case "json" -> new ReportResponse(json, "success", null, null);
            case "txt" -> new ReportResponse(null, "success", null, lines);
            case "png" -> new ReportResponse(null, "success",
                    Base64.getEncoder().encodeToString(ReportDocuments.png(lines)), null);
            default -> new ReportResponse(null, "success",
                    Base64.getEncoder().encodeToString(ReportDocuments.pdf(lines)), null);
        };
    }
}
