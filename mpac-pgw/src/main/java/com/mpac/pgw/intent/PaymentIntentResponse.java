package com.mpac.pgw.intent;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import com.mpac.contracts.qr.QrCodeImage;
import com.mpac.pgw.provider.NextAction;

/**
 * A PaymentIntent on the wire. Times are unix seconds, amounts minor units of {@code currency}. The client secret
 * is shown to the merchant and to the holder of the secret, never in webhook payloads.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PaymentIntentResponse(String id, String object, long amount, String currency, String status,
        String captureMethod, long amountCapturable, long amountReceived, long amountRefunded,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret, String merchantId, String storeId,
        String terminalId, String merchantReference, String description, Map<String, String> metadata,
        String provider, String paymentMethod, PaymentError lastPaymentError, NextAction nextAction,
        String cancellationReason, Long canceledAt, Long captureBefore, long created, long updated) {

    static PaymentIntentResponse of(PaymentIntent intent, boolean withClientSecret) {
        return new PaymentIntentResponse(intent.id, "payment_intent", intent.amount, intent.currency,
                intent.status.value(), intent.captureMethod.value(), intent.amountCapturable, intent.amountReceived,
                intent.amountRefunded, withClientSecret ? intent.clientSecret : null, intent.merchantId,
                intent.storeId, intent.terminalId, intent.merchantReference, intent.description, intent.metadata,
                intent.provider, intent.paymentMethod, intent.lastPaymentError, withQrImage(intent.nextAction),
                intent.cancellationReason, seconds(intent.canceledAt), seconds(intent.captureBefore),
                intent.created.getEpochSecond(), intent.updated.getEpochSecond());
    }

    /** The QR code's PNG is rendered on the way out rather than stored with every intent. */
    private static NextAction withQrImage(NextAction action) {
        if (action == null || action.displayQrCode() == null) {
            return action;
        }
        return action.withQrImage("data:image/png;base64,"
                + Base64.getEncoder().encodeToString(QrCodeImage.png(action.displayQrCode().data())));
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
