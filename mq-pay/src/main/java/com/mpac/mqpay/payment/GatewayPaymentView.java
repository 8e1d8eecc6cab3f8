package com.mpac.mqpay.payment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A payment as mpac-pgw sees it through the internal interface and in its events. Amounts are minor units of the
 * currency (VND has none, so whole đồng). {@code status}: {@code pending} (the QR awaits the shopper),
 * {@code succeeded}, {@code failed}, {@code expired}, {@code canceled}, or {@code review} (money arrived that the
 * payment no longer awaited; the merchant decides).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GatewayPaymentView(String reference, UUID paymentId, UUID transactionId, String status, long amount,
        String currency, long refunded, String qrCode, String qrUrl, Instant expiresAt, String providerReference) {
}
