package com.mpac.pgw.provider.paypay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.mpac.contracts.id.Ids;
import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.IncompleteAccountException;
import com.mpac.pgw.provider.NextAction;
import com.mpac.pgw.provider.PaymentConnector;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderHttp;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.ProviderPayment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPay's Open Payment API, dynamic QR codes ({@code paypay_qr}). The merchant's account (pushed by svc-portal)
 * carries {@code identifiers.merchant_id} (sent as X-ASSUME-MERCHANT) and optionally {@code identifiers.base_url}
 * (default PayPay production; the local run points it at the gateway's PayPay sandbox), and
 * {@code credentials.api_key}/{@code api_secret}. The gateway's transaction id is PayPay's {@code merchantPaymentId},
 * so a query after a timeout finds the same payment.
 */
@Component
class PayPayConnector implements PaymentConnector {

    static final String DEFAULT_BASE_URL = "https://api.paypay.ne.jp";
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;

    PayPayConnector(ProviderHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.PAYPAY;
    }

    @Override
    public Set<String> paymentMethods() {
        return Set.of("paypay_qr");
    }

    @Override
    public ProviderOutcome authorize(ProviderPayment payment, ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantPaymentId", payment.reference());
        body.put("amount", amount(payment, payment.amount()));
        body.put("codeType", "ORDER_QR");
        body.put("orderDescription", payment.description() == null ? "Payment " + payment.paymentIntentId()
                : payment.description());
        body.put("isAuthorization", payment.manualCapture());
        body.put("requestedAt", clock.instant().getEpochSecond());
        Reply reply = call(account, "POST", "/v2/codes", body);
        if (reply.succeeded()) {
            JsonNode data = reply.data();
            return new ProviderOutcome.ActionRequired(data.path("codeId").asString(null),
                    NextAction.qrCode(data.path("url").asString(), data.path("deeplink").asString(null),
                            Instant.ofEpochSecond(data.path("expiryDate").asLong(
                                    clock.instant().plusSeconds(300).getEpochSecond()))));
        }
        return reply.failure();
    }

    @Override
    public ProviderOutcome queryAuthorization(ProviderPayment payment, ProviderAccount account) {
        Reply reply = call(account, "GET", "/v2/codes/payments/" + payment.reference(), null);
        if (reply.code().equals("RESOURCE_NOT_FOUND")) {
            // PayPay knows no payment until the shopper scans: still waiting.
            return new ProviderOutcome.ActionRequired(null, null);
        }
        if (!reply.succeeded()) {
            return reply.failure();
        }
        JsonNode data = reply.data();
        String paymentId = data.path("paymentId").asString(null);
        return switch (data.path("status").asString("")) {
            case "CREATED" -> new ProviderOutcome.ActionRequired(null, null);
            case "AUTHORIZED" -> new ProviderOutcome.Authorized(paymentId);
            case "COMPLETED", "REFUNDED" -> new ProviderOutcome.Succeeded(paymentId);
            case "FAILED" -> new ProviderOutcome.Failed("paypay_failed", "PayPay reports the payment failed.");
            case "CANCELED" -> new ProviderOutcome.Failed("canceled", "The payment was canceled at PayPay.");
            case "EXPIRED" -> new ProviderOutcome.Failed("expired", "The shopper did not pay before the QR expired.");
            default -> new ProviderOutcome.Pending(paymentId, "PayPay status " + data.path("status").asString(""));
        };
    }

    @Override
    public ProviderOutcome capture(ProviderPayment payment, long amount, String captureReference,
            ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantPaymentId", payment.reference());
        body.put("amount", amount(payment, amount));
        body.put("merchantCaptureId", captureReference);
        body.put("requestedAt", clock.instant().getEpochSecond());
        body.put("orderDescription", "Capture " + payment.paymentIntentId());
        Reply reply = call(account, "POST", "/v2/payments/capture", body);
        if (!reply.succeeded()) {
            return reply.failure();
        }
        return switch (reply.data().path("status").asString("")) {
            case "COMPLETED" -> new ProviderOutcome.Succeeded(reply.data().path("paymentId").asString(null));
            default -> new ProviderOutcome.Pending(null, "PayPay capture status "
                    + reply.data().path("status").asString(""));
        };
    }

    /**
     * Withdraws what PayPay holds: a held authorization is reverted, an unpaid code deleted. PayPay's own view
     * decides which, so a shopper who paid a moment ago is not "canceled" by mistake.
     */
    @Override
    public ProviderOutcome cancel(ProviderPayment payment, ProviderAccount account) {
        ProviderOutcome current = queryAuthorization(payment, account);
        return switch (current) {
            case ProviderOutcome.Authorized authorized -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("merchantRevertId", "rev_" + payment.reference());
                body.put("paymentId", authorized.providerReference());
                body.put("requestedAt", clock.instant().getEpochSecond());
                body.put("reason", "Canceled by the merchant");
                Reply reply = call(account, "POST", "/v2/payments/preauthorize/revert", body);
                yield reply.succeeded() ? new ProviderOutcome.Succeeded(authorized.providerReference())
                        : reply.failure();
            }
            case ProviderOutcome.ActionRequired waiting -> {
                if (payment.providerReference() == null) {
                    yield new ProviderOutcome.Pending(null, "No PayPay code id to delete");
                }
                Reply reply = call(account, "DELETE", "/v2/codes/" + payment.providerReference(), null);
                yield reply.succeeded() || reply.code().equals("RESOURCE_NOT_FOUND")
                        ? new ProviderOutcome.Succeeded(payment.providerReference()) : reply.failure();
            }
            case ProviderOutcome.Failed failed -> new ProviderOutcome.Succeeded(null);
            case ProviderOutcome.Succeeded succeeded -> new ProviderOutcome.Failed("already_completed",
                    "The shopper has already paid at PayPay.");
            default -> current;
        };
    }

    @Override
    public ProviderOutcome refund(ProviderPayment payment, long amount, String refundReference,
            ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantRefundId", refundReference);
        body.put("paymentId", payment.providerReference());
        body.put("amount", amount(payment, amount));
        body.put("requestedAt", clock.instant().getEpochSecond());
        body.put("reason", "Refund for " + payment.paymentIntentId());
        return refundOutcome(call(account, "POST", "/v2/refunds", body), refundReference);
    }

    @Override
    public ProviderOutcome queryRefund(ProviderPayment payment, String refundReference, ProviderAccount account) {
        return refundOutcome(call(account, "GET", "/v2/refunds/" + refundReference, null), refundReference);
    }

    private static ProviderOutcome refundOutcome(Reply reply, String refundReference) {
        if (!reply.succeeded()) {
            return reply.failure();
        }
        return switch (reply.data().path("status").asString("")) {
            case "REFUNDED" -> new ProviderOutcome.Succeeded(refundReference);
            case "REFUND_FAILED" -> new ProviderOutcome.Failed("refund_failed", "PayPay could not refund.");
            default -> new ProviderOutcome.Pending(refundReference, "PayPay refund status "
                    + reply.data().path("status").asString(""));
        };
    }

    /** PayPay's amount object; JPY and the other currencies PayPay takes are whole units. */
    private static Map<String, Object> amount(ProviderPayment payment, long minorUnits) {
        return Map.of("amount", payment.majorAmount(minorUnits), "currency", payment.currency());
    }

    private Reply call(ProviderAccount account, String method, String path, Map<String, Object> body) {
        String apiKey = account.credential("api_key").orElseThrow(() -> new IncompleteAccountException("PayPay",
                "api_key"));
        String apiSecret = account.credential("api_secret").orElseThrow(() -> new IncompleteAccountException(
                "PayPay", "api_secret"));
        byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", PayPayAuth.header(apiKey, apiSecret, method, path, CONTENT_TYPE, bytes,
                Ids.random(8), clock.instant().getEpochSecond()));
        account.identifier("merchant_id").ifPresent(id -> headers.put("X-ASSUME-MERCHANT", id));
        if (bytes != null) {
            headers.put("Content-Type", CONTENT_TYPE);
        }
        ProviderHttp.Response response = http.send(method,
                account.identifier("base_url").orElse(DEFAULT_BASE_URL) + path, headers, bytes);
        if (response.isServerError()) {
            // INTERNAL_SERVER_ERROR and maintenance mean "unknown" at PayPay: the caller must find out later.
            throw new IllegalStateException("PayPay answered " + response.status());
        }
        JsonNode root = response.body() == null || response.body().isBlank() ? json.createObjectNode()
                : json.readTree(response.body());
        return new Reply(response.status(), root.path("resultInfo").path("code").asString(""),
                root.path("resultInfo").path("message").asString(""), root.path("data"));
    }

    private record Reply(int status, String code, String message, JsonNode data) {

        boolean succeeded() {
            return status < 300 && (code.equals("SUCCESS") || code.equals("REQUEST_ACCEPTED"));
        }

        ProviderOutcome failure() {
            return new ProviderOutcome.Failed(code.isEmpty() ? "paypay_http_" + status : code.toLowerCase(
                    java.util.Locale.ROOT), message.isEmpty() ? "PayPay answered " + status : message);
        }
    }
}
