package com.mpac.mobilepay.payment;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A payment as mpac-pgw sees it through the internal interface and in its events. Amounts are minor units of the
 * currency (DKK øre, EUR cents). {@code status}: {@code pending} (waiting for the shopper to check in at the PoS and
 * approve in the app), {@code reserved} (approved; the amount is held for a capture), {@code captured},
 * {@code failed} (the shopper or MobilePay declined), {@code expired}, {@code canceled} (by the gateway or the POS).
 * {@code state} is MobilePay's own state of the payment; {@code checkInQr} and {@code qrCodeUrl} are what the POS
 * shows the shopper (the PoS check-in QR code and its image).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GatewayPaymentView(String reference, String paymentId, String posId, String terminalId, String status,
        String state, long amount, String currency, long captured, long refunded, String captureMethod,
        String checkInQr, String qrCodeUrl, OffsetDateTime expiresAt) {
}
