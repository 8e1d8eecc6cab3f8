package com.mpac.mobilepay.pos;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.qr.QrCodeImage;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;

/** The PoS check-in QR code as a PNG: public, since the code is shown at the counter anyway. */
@RestController
@Tag(name = "PointOfSalesPayments")
class QrCodeImageController {

    private final PosService pos;

    QrCodeImageController(PosService pos) {
        this.pos = pos;
    }

    @GetMapping(path = "/api/pos/qrcode/{posId}", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The PoS check-in QR code image (PNG)",
            description = "The link api/pos/terminal/qrcode answers. Encodes mobilepaypos://pos?id={posId}&source=qr; "
                    + "404 once the PoS is deleted.")
    ResponseEntity<byte[]> image(@PathVariable String posId) {
        String content = pos.qrContentOfLivePos(posId)
                .orElseThrow(() -> new PosException(PosErrorCode.PosNotFound, "No such PoS."));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache())
                .body(QrCodeImage.png(content));
    }
}
