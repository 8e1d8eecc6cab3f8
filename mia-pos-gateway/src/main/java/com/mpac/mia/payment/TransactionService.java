package com.mpac.mia.payment;

import java.math.BigDecimal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.mia.error.MiaException;
import com.mpac.mia.payment.PaymentRecords.ShiftRow;
import com.mpac.mia.payment.PaymentRecords.TxRow;
import com.mpac.mia.terminal.Seller;

/**
 * Transaction details and returns. A return needs an open shift (it is counted in it), locks the original payment
 * and never exceeds what was paid minus what was already returned.
 */
@Service
class TransactionService {

    private final PaymentRepository repository;
    private final ShiftService shifts;

    TransactionService(PaymentRepository repository, ShiftService shifts) {
        this.repository = repository;
        this.shifts = shifts;
    }

    @Transactional(readOnly = true)
    TxRow details(Seller seller, long txId) {
        return repository.transaction(txId, seller.terminal().terminalId(), false)
                .orElseThrow(() -> MiaException.notFound("Transaction"));
    }

    @Transactional
    long returnPayment(Seller seller, long txId, Boolean fullRefund, BigDecimal amount, String ccy,
            String reasonCode, String reasonMessage) {
        if (ccy != null && !ccy.equals(PaymentRecords.CCY)) {
            throw MiaException.badRequest("ccy must be MDL.");
        }
        if (!fullRefund && amount == null) {
            throw MiaException.badRequest("amount is required for a partial refund.");
        }
        ShiftRow shift = shifts.requireOpen(seller);
        TxRow original = repository.transaction(txId, seller.terminal().terminalId(), true)
                .orElseThrow(() -> MiaException.notFound("Transaction"));
        if (!original.type().equals("paid")) {
            throw MiaException.conflict("not_a_payment", "Only payments can be returned.");
        }
        BigDecimal remaining = original.amount().subtract(repository.returnedSum(txId));
        BigDecimal refund = fullRefund ? remaining : QrService.money("amount", amount);
        if (remaining.signum() <= 0) {
            throw MiaException.conflict("already_returned", "This payment has been returned in full.");
        }
        if (refund.compareTo(remaining) > 0) {
            throw new MiaException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_exceeds_remaining",
                    "At most " + remaining + " MDL of this payment can still be returned.");
        }
        return repository.insertTransaction(original.terminalId(), shift.shiftId(), "returned", refund, null, null,
                original.id(), null, null, original.mcc(), null, null, original.swiftPayerBank(), reasonCode,
                reasonMessage);
    }
}
