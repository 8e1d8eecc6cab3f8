package com.mpac.pgw.provider;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the shopper must do to finish a payment: scan a QR code ({@code display_qr_code}, with the payload and a PNG
 * of it as a data URL), open the provider's page ({@code redirect_to_url}), or approve in the MobilePay app
 * ({@code mobilepay_app}: the shopper scans the PoS check-in QR code the POS shows, then approves on the phone).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NextAction(String type, DisplayQrCode displayQrCode, RedirectToUrl redirectToUrl,
        MobilePayApp mobilepayApp) {

    public static NextAction qrCode(String data, String deeplink, Instant expiresAt) {
        return new NextAction("display_qr_code", new DisplayQrCode(data, null, deeplink, expiresAt.getEpochSecond()),
                null, null);
    }

    public static NextAction redirect(String url) {
        return new NextAction("redirect_to_url", null, new RedirectToUrl(url), null);
    }

    /** MobilePay: the PoS the payment waits at, its check-in QR code (content and image URL) and the deadline. */
    public static NextAction mobilePayApp(String posId, String checkInQr, String qrCodeUrl, Instant expiresAt) {
        return new NextAction("mobilepay_app", null, null,
                new MobilePayApp(posId, checkInQr, qrCodeUrl, expiresAt.getEpochSecond()));
    }

    public NextAction withQrImage(String imageDataUrl) {
        return displayQrCode == null ? this
                : new NextAction(type, new DisplayQrCode(displayQrCode.data(), imageDataUrl, displayQrCode.deeplink(),
                        displayQrCode.expiresAt()), redirectToUrl, mobilepayApp);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DisplayQrCode(String data, String imageUrlPng, String deeplink, long expiresAt) {
    }

    public record RedirectToUrl(String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MobilePayApp(String posId, String checkInQr, String qrCodeUrl, long expiresAt) {
    }
}
