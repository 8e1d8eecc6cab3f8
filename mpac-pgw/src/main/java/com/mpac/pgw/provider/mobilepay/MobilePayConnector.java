package com.mpac.pgw.provider.mobilepay;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * MobilePay ({@code mobilepay}) through mobilepay-adapter's internal provider interface at
 * {@code mpac.mobilepay-url}, signed with this gateway's own platform key and naming the merchant in On-Behalf-Of.
 * The merchant's MobilePay account (portal provider {@code MOBILEPAY}, its bioCode) is the adapter's to use; the
 * gateway only needs it enabled. The gateway's transaction id is the adapter's reference (and the payment's orderId),
 * so a repeated create or a query after a timeout finds the same payment. The payment starts at the intent's
 * terminal's PoS (or the merchant's first active terminal's): the shopper scans its check-in QR code and approves in
 * the app ({@code next_action.type = mobilepay_app}). MobilePay reserves, then captures: a manual intent is
 * {@code requires_capture} once approved and captures in part through the adapter (the rest released); an automatic
 * one is captured in full by the adapter as soon as the shopper approves. Refunds up to what was captured.
 */
@Component
class MobilePayConnector implements PaymentConnector {

    static final String PATH = "/api/pos/internal/v1/payments";
    static final String SERVICE = "mpac-pgw";

    private final ProviderHttp http;
    private final JsonMapper json;
    private final PlatformKeys platformKeys;
    private final Clock clock;
    private final String baseUrl;

    MobilePayConnector(ProviderHttp http, JsonMapper json, PlatformKeys platformKeys, Clock clock,
            @Value("${mpac.mobilepay-url}") String baseUrl) {
        this.http = http;
        this.json = json;
        this.platformKeys = platformKeys;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.MOBILEPAY;
    }

    @Override
    public Set<String> paymentMethods() {
        return Set.of("mobilepay");
    }

    @Override
    public ProviderOutcome authorize(ProviderPayment payment, ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", payment.reference());
        body.put("amount", payment.amount());
        body.put("currency", payment.currency());
        body.put("captureMethod", payment.manualCapture() ? "manual" : "automatic");
        if (payment.terminalId() != null) {
            body.put("terminalId", payment.terminalId());
        }
        body.put("paymentIntentId", payment.paymentIntentId());
        if (payment.description() != null) {
            body.put("description", payment.description().length() > 500 ? payment.description().substring(0, 500)
                    : payment.description());
        }
        Reply reply = call(payment, "POST", PATH, body);
        return reply.ok() ? paymentOutcome(reply.body()) : reply.failure();
    }

    @Override
    public ProviderOutcome queryAuthorization(ProviderPayment payment, ProviderAccount account) {
        Reply reply = call(payment, "GET", PATH + "/" + payment.reference(), null);
        if (reply.ok()) {
            return paymentOutcome(reply.body());
        }
        // Only "no such payment" is an answer; a refused query (a key being rotated) says nothing about the payment.
        return reply.status() == 404 ? new ProviderOutcome.Failed("payment_not_found", "mobilepay-adapter has no "
                + "payment " + payment.reference() + ".") : reply.pending();
    }

    /** Captures {@code amount} of the reservation; repeating a capture that happened answers it again. */
    @Override
    public ProviderOutcome capture(ProviderPayment payment, long amount, String captureReference,
            ProviderAccount account) {
        Reply reply = call(payment, "POST", PATH + "/" + payment.reference() + "/capture", Map.of("amount", amount));
        if (!reply.ok()) {
            return reply.failure();
        }
        return switch (reply.body().path("status").asString("")) {
            case "captured" -> new ProviderOutcome.Succeeded(paymentId(reply.body()));
            case "reserved", "pending" -> new ProviderOutcome.Pending(paymentId(reply.body()), "not captured yet");
            default -> new ProviderOutcome.Failed("capture_failed", "The MobilePay payment is "
                    + reply.body().path("status").asString("") + "; it cannot be captured.");
        };
    }

    @Override
    public ProviderOutcome cancel(ProviderPayment payment, ProviderAccount account) {
        Reply reply = call(payment, "POST", PATH + "/" + payment.reference() + "/cancel", null);
        if (reply.status() == 404) {
            // The adapter never got the payment: there is nothing to withdraw.
            return new ProviderOutcome.Succeeded(null);
        }
        if (!reply.ok()) {
            return reply.code().equals("invalid_payment_state")
                    ? new ProviderOutcome.Failed("already_completed", "The MobilePay payment is already captured.")
                    : reply.failure();
        }
        return switch (reply.body().path("status").asString("")) {
            case "canceled", "expired", "failed" -> new ProviderOutcome.Succeeded(paymentId(reply.body()));
            case "captured" -> new ProviderOutcome.Failed("already_completed",
                    "The MobilePay payment is already captured.");
            default -> new ProviderOutcome.Pending(paymentId(reply.body()), "mobilepay status "
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
            return new ProviderOutcome.Failed("refund_not_found", "mobilepay-adapter has no refund "
                    + refundReference + ".");
        }
        return reply.ok() ? refundOutcome(reply, refundReference) : reply.pending();
    }

    /**
     * The adapter's view of a payment (an answer or an event's {@code data}) as an outcome; unknown statuses are
     * pending. A reserved payment is an authorization only when the gateway asked for manual capture: an automatic
     * one is being captured by the adapter, so it is still pending.
     */
    static ProviderOutcome paymentOutcome(JsonNode view) {
        String paymentId = paymentId(view);
        return switch (view.path("status").asString("")) {
            case "pending" -> new ProviderOutcome.ActionRequired(paymentId, NextAction.mobilePayApp(
                    view.path("posId").asString(null), view.path("checkInQr").asString(null),
                    view.path("qrCodeUrl").asString(null), expiresAt(view)));
            case "reserved" -> "manual".equals(view.path("captureMethod").asString(""))
                    ? new ProviderOutcome.Authorized(paymentId)
                    : new ProviderOutcome.Pending(paymentId, "reserved; the adapter captures it");
            case "captured" -> new ProviderOutcome.Succeeded(paymentId);
            case "failed" -> new ProviderOutcome.Failed("mobilepay_declined",
                    "The shopper or MobilePay declined the payment (" + view.path("state").asString("") + ").");
            case "expired" -> new ProviderOutcome.Failed("expired", "The shopper did not approve in time.");
            case "canceled" -> new ProviderOutcome.Failed("canceled", "The MobilePay payment was cancelled.");
            default -> new ProviderOutcome.Pending(paymentId, "mobilepay status " + view.path("status").asString(""));
        };
    }

    private static String paymentId(JsonNode view) {
        return view.path("paymentId").asString(null);
    }

    private static Instant expiresAt(JsonNode view) {
        try {
            return OffsetDateTime.parse(view.path("expiresAt").asString("")).toInstant();
        }
        catch (DateTimeParseException ex) {
            return Instant.now().plusSeconds(600);
        }
    }

    private static ProviderOutcome refundOutcome(Reply reply, String refundReference) {
        if (!reply.ok()) {
            return reply.failure();
        }
        return switch (reply.body().path("status").asString("")) {
            case "succeeded" -> new ProviderOutcome.Succeeded(refundReference);
            case "failed" -> new ProviderOutcome.Failed("refund_failed", "mobilepay-adapter could not refund.");
            default -> new ProviderOutcome.Pending(refundReference, "mobilepay refund status "
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
            // The adapter may have acted: the outcome is unknown until a query says.
            throw new IllegalStateException("mobilepay-adapter answered " + response.status());
        }
        JsonNode root = response.body() == null || response.body().isBlank() ? json.createObjectNode()
                : json.readTree(response.body());
        // The POS API's error shape: {"code": "InvalidPaymentState", "message": ...}; codes become snake_case.
        String code = root.path("code").asString("").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return new Reply(response.status(), code, root.path("message").asString(""), root);
    }

    private record Reply(int status, String code, String message, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        ProviderOutcome failure() {
            return new ProviderOutcome.Failed(code.isEmpty() ? "mobilepay_http_" + status : code,
                    message.isEmpty() ? "mobilepay-adapter answered " + status : message);
        }

        ProviderOutcome pending() {
            return new ProviderOutcome.Pending(null, "mobilepay-adapter answered " + status
                    + (code.isEmpty() ? "" : " " + code));
        }
    }
}
