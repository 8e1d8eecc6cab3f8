package com.mpac.mobilepay.pos;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mobilepay.merchant.PosCaller;
import com.mpac.mobilepay.pos.PosResponses.CheckInStatusResponse;
import com.mpac.mobilepay.pos.PosResponses.PosResponse;
import com.mpac.mobilepay.pos.PosResponses.QrCodeResponse;
import com.mpac.mobilepay.pos.PosResponses.StoreIdsResponse;
import com.mpac.mobilepay.pos.PosResponses.StoreResponse;

/**
 * PointOfSalesManagement. Every route also takes {@code accessToken} and {@code bioCode} (query string; for POST
 * also the JSON body), checked before the controller runs.
 */
@RestController
@Tag(name = "PointOfSalesManagement")
class PosController {

    private final PosService pos;

    PosController(PosService pos) {
        this.pos = pos;
    }

    @GetMapping("/api/pos/manage/create")
    @Operation(summary = "Create a PoS for a terminal",
            description = "Only when the terminal has no PoS (else 409 PosAlreadyExists).")
    PosResponse create(@RequestParam String terminalId) {
        return pos.create(PosCaller.current(), terminalId);
    }

    @PostMapping("/api/pos/manage/create")
    @Operation(summary = "Create a PoS for a terminal (POST)", description = "As the GET form; JSON body.")
    PosResponse createByPost(@RequestBody CreatePosRequest request) {
        return pos.create(PosCaller.current(), request.terminalId());
    }

    @GetMapping("/api/pos/manage/delete")
    @Operation(summary = "Delete the terminal's PoS",
            description = "Refused (409 ActivePaymentExists) while the PoS has an active payment.")
    PosResponse delete(@RequestParam String terminalId) {
        return pos.delete(PosCaller.current(), terminalId);
    }

    @DeleteMapping("/api/pos/manage/delete")
    @Operation(summary = "Delete the terminal's PoS (DELETE)", description = "As the GET form.")
    PosResponse deleteByDelete(@RequestParam String terminalId) {
        return pos.delete(PosCaller.current(), terminalId);
    }

    @GetMapping("/api/pos/manage/terminal/information")
    @Operation(summary = "The terminal's PoS information")
    PosResponse information(@RequestParam String terminalId) {
        return pos.information(PosCaller.current(), terminalId);
    }

    @GetMapping("/api/pos/manage/stores")
    @Operation(summary = "The merchant's store ids")
    StoreIdsResponse stores() {
        return pos.storeIds(PosCaller.current());
    }

    @GetMapping("/api/pos/manage/store")
    @Operation(summary = "A store's information", description = "With its terminals and their PoS ids.")
    StoreResponse store(@RequestParam String storeId) {
        return pos.store(PosCaller.current(), storeId);
    }

    @GetMapping("/api/pos/manage/checkInStatus/byposId")
    @Operation(summary = "Who is checked in at a PoS, by posId")
    CheckInStatusResponse checkInStatusByPos(@RequestParam String posId) {
        return pos.checkInStatusByPos(PosCaller.current(), posId);
    }

    @GetMapping("/api/pos/manage/checkInStatus/byterminalId")
    @Operation(summary = "Who is checked in at a PoS, by terminalId")
    CheckInStatusResponse checkInStatusByTerminal(@RequestParam String terminalId) {
        return pos.checkInStatusByTerminal(PosCaller.current(), terminalId);
    }

    @GetMapping("/api/pos/terminal/qrcode")
    @Operation(summary = "The link to the PoS check-in QR code image",
            description = "qrCodeUrl is a PNG the shopper scans to check in at the terminal's PoS.")
    QrCodeResponse qrCode(@RequestParam String terminalId) {
        return pos.qrCode(PosCaller.current(), terminalId);
    }

    /** The POST form of {@code api/pos/manage/create}. */
    record CreatePosRequest(String terminalId, String accessToken, String bioCode) {

        @Override
        public String toString() {
            return "CreatePosRequest[" + terminalId + ", " + bioCode + "]";
        }
    }
}
