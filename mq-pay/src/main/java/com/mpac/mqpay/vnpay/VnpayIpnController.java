package com.mpac.mqpay.vnpay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "VNPAY IPN")
class VnpayIpnController {

    static final String PATH = "/api/mq-pay/payments/vnpay/ipn";

    private final VnpayIpnService ipns;

    VnpayIpnController(VnpayIpnService ipns) {
        this.ipns = ipns;
    }

    @PostMapping(value = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "VNPAY-QR payment notification", description = "VNPAY's IPN (public route; fails closed on "
            + "the checksum = uppercase hex MD5 of code|msgType|txnId|qrTrace|bankCode|mobile|accountNo|amount|"
            + "payDate|merchantCode|hash_secret). Answers VNPAY's shape {code, message, data:{txnId}}: 00 applied "
            + "or failure acknowledged (200), 05 already paid: a duplicate, nothing changed (200), 04 late payment "
            + "recorded and transaction 403_BLOCKED (200), 07 amount mismatch recorded and transaction blocked "
            + "(200), 03 unknown txnId (404), 06 checksum mismatch, nothing changed, error SIGNATURE_MISMATCH "
            + "(401), 99 malformed (400).")
    ResponseEntity<VnpayIpnResponse> notify(@RequestBody byte[] body) {
        VnpayIpnService.Answer answer = ipns.handle(body);
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
