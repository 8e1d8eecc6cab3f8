package com.mpac.mia.payment;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mpac.mia.payment.PaymentRecords.ShiftRow;
import com.mpac.mia.terminal.Seller;
import com.mpac.mia.terminal.SellerSessions;

@RestController
@Tag(name = "Operator Shift Management", description = "One open shift per terminal; operations that take money "
        + "need it (409 shift_not_open otherwise).")
class ShiftController {

    private final SellerSessions sessions;
    private final ShiftService shifts;

    ShiftController(SellerSessions sessions, ShiftService shifts) {
        this.sessions = sessions;
        this.shifts = shifts;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ShiftResponse(String result, boolean isShiftOpen, UUID shiftId, LocalDateTime openedAt,
            LocalDateTime closedAt) {

        static ShiftResponse of(ShiftRow shift) {
            return new ShiftResponse("success", "OPEN".equals(shift.status()), shift.shiftId(),
                    PaymentRecords.local(shift.openedAt()), PaymentRecords.local(shift.closedAt()));
        }
    }

    record TransactionsResponse(String result, boolean isEnded, List<PaymentRecords.TxListItem> txList) {
    }

    @GetMapping("/pos/api/v1/shift/check")
    @Operation(summary = "Check the current shift", description = "isShiftOpen, and the open shift's id and "
            + "opening time when there is one.")
    ShiftResponse check(@RequestHeader(name = "Authorization", required = false) String authorization) {
        Seller seller = sessions.authenticate(authorization);
        return shifts.current(seller).map(ShiftResponse::of)
                .orElse(new ShiftResponse("success", false, null, null, null));
    }

    @PostMapping("/pos/api/v1/shift/open")
    @Operation(summary = "Open a shift", description = "409 shift_already_open when one is open on the terminal.")
    ShiftResponse open(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return ShiftResponse.of(shifts.open(sessions.authenticate(authorization)));
    }

    @PostMapping("/pos/api/v1/shift/close")
    @Operation(summary = "Close the current shift", description = "Cancels the shift's active QR codes and their "
            + "extensions; 409 shift_not_open when none is open.")
    ShiftResponse close(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return ShiftResponse.of(shifts.close(sessions.authenticate(authorization)));
    }

    @GetMapping("/pos/api/v1/shift/{shiftId}/transactions")
    @Operation(summary = "Shift transactions", description = "Newest first, 20 per page; pass the last txId seen "
            + "to get older ones. isEnded says there are no more. type is paid or returned.")
    TransactionsResponse transactions(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable UUID shiftId, @RequestParam(required = false) @Positive Long txId) {
        ShiftService.Page page = shifts.transactions(sessions.authenticate(authorization), shiftId, txId);
        return new TransactionsResponse("success", page.isEnded(),
                page.transactions().stream().map(PaymentRecords.TxListItem::of).toList());
    }
}
