package com.mpac.pgw.provider.mqpay;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.NextAction;
import com.mpac.pgw.provider.PaymentConnector;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderHttp;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.ProviderPayment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * VNPAY QR ({@code vnpay_qr}) through mq-pay's internal provider interface at {@code mpac.mqpay-url}, signed with
 * this gateway's own platform key and naming the merchant in On-Behalf-Of. The merchant's VNPAY account (portal
 * provider {@code VNPAY}) is mq-pay's to use; the gateway only needs it enabled. The gateway's transaction id is
 * mq-pay's reference, so a repeated create or a query after a timeout finds the same payment.
 * VNPAY QR has no separate capture: the payment captures when the shopper pays (a manual-capture intent is
 * received in full); refunds are supported up to what was paid.
 */
@Component
class MqPayConnector implements PaymentConnector {

    static final String PATH = "/api/mq-pay/internal/v1/payments";
    static final String SERVICE = "mpac-pgw";

    private final ProviderHttp http;
    private final JsonMapper json;
    private final PlatformKeys platformKeys;
    private final Clock clock;
    private final String baseUrl;

    MqPayConnector(ProviderHttp http, JsonMapper json, PlatformKeys platformKeys, Clock clock,
            @Value("${mpac.mqpay-url}") String baseUrl) {
        this.http = http;
        this.json = json;
        this.platformKeys = platformKeys;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.VNPAY;
    }

    @Override
    public Set<String> paymentMethods() {
        return Set.of("vnpay_qr");
    }

    @Override
    public ProviderOutcome authorize(ProviderPayment payment, ProviderAccount account) {
        if (!"VND".equals(payment.currency())) {
            return new ProviderOutcome.Failed("currency_not_supported", "VNPAY QR takes VND only.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", payment.reference());
        body.put("amount", payment.amount());
        body.put("currency", payment.currency());
        body.put("paymentIntentId", payment.paymentIntentId());
        if (payment.description() != null) {
            body.put("description", payment.description().length() > 500 ? payment.description().substring(0, 500)
                    : payment.description());
        }
        Reply reply = call(payment, "POST", PATH, body);
        return reply.ok() ? paymentOutcome(reply.body(), true) : reply.failure();
    }

    @Override
    public ProviderOutcome queryAuthorization(ProviderPayment payment, ProviderAccount account) {
        Reply reply = call(payment, "GET", PATH + "/" + payment.reference(), null);
        if (reply.ok()) {
            return paymentOutcome(reply.body(), false);
        }
        // Only "no such payment" is an answer; a refused query (a key being rotated) says nothing about the payment.
        return reply.status() == 404 ? new ProviderOutcome.Failed("payment_not_found", "mq-pay has no payment "
                + payment.reference() + ".") : reply.pending();
    }

    /** VNPAY QR captures when the shopper pays: there is never a hold to capture. */
    @Override
    public ProviderOutcome capture(ProviderPayment payment, long amount, String captureReference,
            ProviderAccount account) {
        return new ProviderOutcome.Failed("capture_not_supported",
                "VNPAY QR captures on payment; there is no authorization to capture.");
    }

    @Override
    public ProviderOutcome cancel(ProviderPayment payment, ProviderAccount account) {
        Reply reply = call(payment, "POST", PATH + "/" + payment.reference() + "/cancel", null);
        if (reply.status() == 404) {
            // mq-pay never got the payment: there is no QR to withdraw.
            return new ProviderOutcome.Succeeded(null);
        }
        if (!reply.ok()) {
            return reply.code().equals("invalid_transaction_status")
                    ? new ProviderOutcome.Failed("already_completed", "The shopper has already paid the VNPAY QR.")
                    : reply.failure();
        }
        return switch (reply.body().path("status").asString("")) {
            case "canceled", "expired", "failed" -> new ProviderOutcome.Succeeded(paymentId(reply.body()));
            case "succeeded" -> new ProviderOutcome.Failed("already_completed",
                    "The shopper has already paid the VNPAY QR.");
            default -> new ProviderOutcome.Pending(paymentId(reply.body()), "mq-pay status "
                    + reply.body().path("status").asString(""));
        };
    }

    @Override
    public ProviderOutcome refund(ProviderPayment payment, long amount, String refundReference,
            ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refundReference", refundReference);
        body.put("amount", amount);
        body.put("reason", "Refund for " + payment.paymentIntentId());
        return refundOutcome(call(payment, "POST", PATH + "/" + payment.reference() + "/refunds", body),
                refundReference);
    }

    @Override
    public ProviderOutcome queryRefund(ProviderPayment payment, String refundReference, ProviderAccount account) {
        Reply reply = call(payment, "GET", PATH + "/" + payment.reference() + "/refunds/" + refundReference, null);
        if (reply.status() == 404) {
            return new ProviderOutcome.Failed("refund_not_found", "mq-pay has no refund " + refundReference + ".");
        }
        return reply.ok() ? refundOutcome(reply, refundReference) : reply.pending();
    }

    /**
     * mq-pay's view of a payment (an answer or an event's {@code data}) as an outcome; unknown statuses are pending.
     * {@code withNextAction}: a pending payment shows its QR (the answer to a create).
     */
    static ProviderOutcome paymentOutcome(JsonNode view, boolean withNextAction) {
        String paymentId = paymentId(view);
        return switch (view.path("status").asString("")) {
            case "pending" -> new ProviderOutcome.ActionRequired(paymentId, withNextAction
                    ? NextAction.qrCode(view.path("qrCode").asString(), null, expiresAt(view)) : null);
            case "succeeded" -> new ProviderOutcome.Succeeded(paymentId);
            case "failed" -> new ProviderOutcome.Failed("vnpay_failed", "VNPAY reports the payment failed.");
            case "expired" -> new ProviderOutcome.Failed("expired", "The shopper did not pay before the QR expired.");
            case "canceled" -> new ProviderOutcome.Failed("canceled", "The VNPAY QR was withdrawn.");
            default -> new ProviderOutcome.Pending(paymentId, "mq-pay status " + view.path("status").asString(""));
        };
    }

    private static String paymentId(JsonNode view) {
        return view.path("paymentId").asString(null);
    }

    private static Instant expiresAt(JsonNode view) {
        try {
            return Instant.parse(view.path("expiresAt").asString(""));
        }
        catch (DateTimeParseException ex) {
            return Instant.now().plusSeconds(900);
        }
    }

    private static ProviderOutcome refundOutcome(Reply reply, String refundReference) {
        if (!reply.ok()) {
            return reply.failure();
        }
        return switch (reply.body().path("status").asString("")) {
            case "succeeded" -> new ProviderOutcome.Succeeded(refundReference);
            case "failed" -> new ProviderOutcome.Failed("refund_failed", "mq-pay could not refund.");
            default -> new ProviderOutcome.Pending(refundReference, "mq-pay refund status "
                    + reply.body().path("status").asString(""));
        };
    }

    private Reply call(ProviderPayment payment, String method, String path, Map<String, Object> body) {
        HmacSigner signer = new HmacSigner(platformKeys.keyOf(SERVICE).orElseThrow(() -> new IllegalStateException(
                "MPAC_PLATFORM_KEYS holds no key for " + SERVICE)), clock);
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        Map<String, String> headers = new LinkedHashMap<>(signer.headers(method, URI.create(path), bytes));
        headers.put(HmacHeaders.ON_BEHALF_OF, payment.merchantId());
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        ProviderHttp.Response response = http.send(method, baseUrl + path, headers,
                body == null && method.equals("GET") ? null : bytes);
        if (response.isServerError()) {
            // mq-pay may have acted: the outcome is unknown until a query says.
            throw new IllegalStateException("mq-pay answered " + response.status());
        }
        JsonNode root = response.body() == null || response.body().isBlank() ? json.createObjectNode()
                : json.readTree(response.body());
        return new Reply(response.status(), root.path("error").path("code").asString("").toLowerCase(Locale.ROOT),
                root.path("error").path("message").asString(""), root);
    }

    private record Reply(int status, String code, String message, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        ProviderOutcome failure() {
            return new ProviderOutcome.Failed(code.isEmpty() ? "mqpay_http_" + status : code,
                    message.isEmpty() ? "mq-pay answered " + status : message);
        }

        ProviderOutcome pending() {
            return new ProviderOutcome.Pending(null, "mq-pay answered " + status + (code.isEmpty() ? "" : " " + code));
        }
    }
}
