package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Rows and wire records of shifts, QR codes and transactions; field names as the MIA POS document spells them. */
final class PaymentRecords {

    static final String CCY = "MDL";

    private PaymentRecords() {
    }

    record ShiftRow(UUID shiftId, String terminalId, long sellerId, String status, Instant openedAt,
            Instant closedAt) {
    }

    record QrRow(UUID qrId, String terminalId, UUID shiftId, String qrType, String amountType, String reference,
            String qrText, QrState state, int apiVersion) {
    }

    record ExtensionRow(UUID extensionId, UUID qrId, ExtensionState state, BigDecimal amount, BigDecimal minAmount,
            BigDecimal maxAmount, Instant expiresAt) {
    }

    record TxRow(long id, String terminalId, UUID shiftId, String type, BigDecimal amount, String ccy,
            UUID extensionId, Long originalTxId, String rrn, String approvalCode, String mcc, String swiftMessageType,
            String swiftMessageId, String swiftPayerBank, Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExtensionInfo(UUID extensionId, Long qrExpireIn, BigDecimal amount, BigDecimal minAmount,
            BigDecimal maxAmount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QrInfo(UUID qrId, String qrType, String amountType, String qrText, String qrImage,
            ExtensionInfo extension) {
    }

    record TxListItem(long id, BigDecimal amount, String ccy, LocalDateTime date, String type) {

        static TxListItem of(TxRow tx) {
            return new TxListItem(tx.id(), tx.amount(), tx.ccy(), local(tx.createdAt()), tx.type());
        }
    }

    /** Transaction details; {@code mсс} is spelled with Cyrillic {@code с} as in the document, {@code mcc} beside. */
    record TxInfo(long id, BigDecimal amount, String ccy, LocalDateTime date, String type, String rrn,
            String approvalCode, @JsonProperty("m\u0441\u0441") String mccAsDocumented,
            @JsonProperty("mcc") String mcc, String swiftMessageType, String swiftMessageId, String swiftPayerBank) {

        static TxInfo of(TxRow tx) {
            return new TxInfo(tx.id(), tx.amount(), tx.ccy(), local(tx.createdAt()), tx.type(), tx.rrn(),
                    tx.approvalCode(), tx.mcc(), tx.mcc(), tx.swiftMessageType(), tx.swiftMessageId(),
                    tx.swiftPayerBank());
        }
    }

    static LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(0);
    }
}
