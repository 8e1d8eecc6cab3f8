package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.mia.config.MiaProperties;
import com.mpac.mia.error.MiaException;
import com.mpac.mia.merchant.Terminal;
import com.mpac.mia.merchant.Terminals;
import com.mpac.mia.payment.PaymentRecords.ExtensionRow;
import com.mpac.mia.payment.PaymentRecords.QrRow;
import com.mpac.mia.payment.PaymentRecords.TxRow;

/**
 * Payments arriving from the payer's bank (the sandbox plays it here): the code is found by the reference in its
 * EMVCo payload, the active extension is locked, the amount checked against the code's rules, and one transaction
 * recorded, as long as the terminal that showed the code is still usable (the portal may have disabled or removed
 * it since). A notification repeating a SWIFT message id already recorded changes nothing and answers the first
 * transaction.
 */
@Service
public class Payments {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private final PaymentRepository repository;
    private final Terminals terminals;
    private final MiaProperties properties;
    private final Clock clock;

    Payments(PaymentRepository repository, Terminals terminals, MiaProperties properties, Clock clock) {
        this.repository = repository;
        this.terminals = terminals;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the payer's bank reports back. */
    public record Paid(long txId, BigDecimal amount, String ccy, String rrn, String approvalCode, String mcc,
            String swiftMessageType, String swiftMessageId, String swiftPayerBank, boolean duplicate) {
    }

    @Transactional
    public Paid pay(String qrText, BigDecimal amount, String swiftMessageId, String payerBank) {
        if (swiftMessageId != null) {
            var earlier = repository.transactionBySwiftId(swiftMessageId);
            if (earlier.isPresent()) {
                return paid(earlier.get(), true);
            }
        }
        String reference = QrPayload.reference(qrText)
                .orElseThrow(() -> MiaException.badRequest("qrText is not a MIA QR payload with a valid CRC."));
        repository.expireDue(clock.instant());
        QrRow qr = repository.qrByReferenceForUpdate(reference).orElseThrow(() -> MiaException.notFound("QR code"));
        if (terminals.find(qr.terminalId()).filter(Terminal::usable).isEmpty()) {
            throw MiaException.conflict("terminal_not_active", "The terminal that showed this code is disabled or "
                    + "removed in the portal (or its merchant cannot use MIA POS); it takes no payments.");
        }
        if (!qr.state().canBecome(QrState.paid)) {
            throw MiaException.conflict("qr_not_active", "The QR code is " + qr.state() + ".");
        }
        ExtensionRow extension = repository.activeExtension(qr.qrId(), true).orElseThrow(() -> MiaException
                .conflict("no_active_extension", "The QR code has no active payment request (or it expired)."));
        BigDecimal paidAmount = checkAmount(qr.amountType(), extension, amount);
        // The MCC the payer's bank saw: tag 52 of the code, set from the merchant's account when it was created.
        String mcc = QrPayload.mcc(qr.qrText()).orElse(properties.mcc());
        String swiftId = swiftMessageId != null ? swiftMessageId
                : "MPACMD2X" + YYMMDD.format(clock.instant()) + digits(7);
        long txId = repository.insertTransaction(qr.terminalId(), qr.shiftId(), "paid", paidAmount, qr.qrId(),
                extension.extensionId(), null, digits(12), Ids.random(6).toUpperCase(Locale.ROOT), mcc, "pacs.008",
                swiftId, payerBank == null ? "VICBMD2X" : payerBank, null, null);
        boolean permanent = extension.expiresAt() == null;
        if (!permanent) {
            repository.setExtensionState(extension.extensionId(), ExtensionState.paid);
            if (qr.qrType().equals("dynamic")) {
                repository.setQrState(qr.qrId(), QrState.paid);
            }
        }
        return paid(repository.transaction(txId, qr.terminalId(), false).orElseThrow(), false);
    }

    private static BigDecimal checkAmount(String amountType, ExtensionRow extension, BigDecimal amount) {
        return switch (amountType) {
            case "fixed" -> {
                if (amount != null && amount.compareTo(extension.amount()) != 0) {
                    throw new MiaException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_mismatch",
                            "The amount must be " + extension.amount() + ".");
                }
                yield extension.amount();
            }
            case "controlled" -> {
                if (amount == null) {
                    throw MiaException.badRequest("amount is required for a controlled amount.");
                }
                BigDecimal value = QrService.money("amount", amount);
                if (value.compareTo(extension.minAmount()) < 0 || value.compareTo(extension.maxAmount()) > 0) {
                    throw new MiaException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_out_of_range",
                            "The amount must be between " + extension.minAmount() + " and " + extension.maxAmount()
                                    + ".");
                }
                yield value;
            }
            default -> {
                if (amount == null) {
                    throw MiaException.badRequest("amount is required for a free amount.");
                }
                yield QrService.money("amount", amount);
            }
        };
    }

    private static Paid paid(TxRow tx, boolean duplicate) {
        return new Paid(tx.id(), tx.amount(), tx.ccy(), tx.rrn(), tx.approvalCode(), tx.mcc(), tx.swiftMessageType(),
                tx.swiftMessageId(), tx.swiftPayerBank(), duplicate);
    }

    private static String digits(int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }
}
