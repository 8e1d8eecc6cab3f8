package com.mpac.mqpay.payment;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.qr.QrCodeImage;

@RestController
@Tag(name = "Payments")
class QrImageController {

    private final QrImages images;

    QrImageController(QrImages images) {
        this.images = images;
    }

    @GetMapping(value = "/api/mq-pay/payments/qr/{attemptId}.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "QR image", description = "The checkout's qrUrl: the attempt's VietQR payload as a PNG, "
            + "while the attempt is 204_SENT. Public: the URL holds the attempt's random id and the payload is what "
            + "the screen shows anyway.")
    ResponseEntity<byte[]> image(@PathVariable UUID attemptId) {
        String payload = images.payloadOfSentAttempt(attemptId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(QrCodeImage.png(payload));
    }
}
