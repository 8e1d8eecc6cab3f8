package com.mpac.mia.payment;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.mia.error.MiaException;
import com.mpac.mia.payment.PaymentRecords.ShiftRow;
import com.mpac.mia.payment.PaymentRecords.TxRow;
import com.mpac.mia.terminal.Seller;

/** One open shift per terminal (a partial unique index); closing cancels the shift's active QR codes. */
@Service
class ShiftService {

    static final int PAGE = 20;

    private final PaymentRepository repository;

    ShiftService(PaymentRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    java.util.Optional<ShiftRow> current(Seller seller) {
        return repository.openShift(seller.terminal().terminalId(), false);
    }

    @Transactional
    ShiftRow open(Seller seller) {
        UUID id = UUID.randomUUID();
        if (!repository.insertShift(id, seller.terminal().terminalId(), seller.sellerId())) {
            throw MiaException.conflict("shift_already_open", "A shift is already open on this terminal.");
        }
        return repository.shift(id, seller.terminal().terminalId()).orElseThrow();
    }

    @Transactional
    ShiftRow close(Seller seller) {
        ShiftRow shift = repository.openShift(seller.terminal().terminalId(), true)
                .orElseThrow(() -> MiaException.conflict("shift_not_open", "No shift is open on this terminal."));
        repository.cancelActiveQrOfShift(shift.shiftId());
        repository.closeShift(shift.shiftId());
        return repository.shift(shift.shiftId(), shift.terminalId()).orElseThrow();
    }

    /** The open shift, locked for the caller's transaction; 409 shift_not_open without one. */
    ShiftRow requireOpen(Seller seller) {
        return repository.openShift(seller.terminal().terminalId(), true).orElseThrow(() -> MiaException.conflict(
                "shift_not_open", "Open a shift first: this operation needs an open shift."));
    }

    record Page(List<TxRow> transactions, boolean isEnded) {
    }

    @Transactional(readOnly = true)
    Page transactions(Seller seller, UUID shiftId, Long beforeTxId) {
        repository.shift(shiftId, seller.terminal().terminalId()).orElseThrow(() -> MiaException.notFound("Shift"));
        List<TxRow> rows = repository.shiftTransactions(shiftId, beforeTxId, PAGE + 1);
        boolean ended = rows.size() <= PAGE;
        return new Page(ended ? rows : rows.subList(0, PAGE), ended);
    }
}
