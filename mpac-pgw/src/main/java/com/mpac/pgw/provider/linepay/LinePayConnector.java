package com.mpac.pgw.provider.linepay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

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
 * LINE Pay Online API v3 ({@code linepay}): request, then the shopper approves in LINE (the payment URL, shown as a
 * QR code), then the gateway confirms; capture and void for manual capture; refunds. The account carries
 * {@code identifiers.channel_id}, optionally {@code identifiers.base_url} (default LINE Pay production), and
 * {@code credentials.channel_secret}. The gateway's transaction id is LINE Pay's {@code orderId}; LINE Pay's
 * 19-digit {@code transactionId} is read as text, never as a floating-point number.
 */
@Component
class LinePayConnector implements PaymentConnector {

    static final String DEFAULT_BASE_URL = "https://api-pay.line.me";

    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;
    private final Environment environment;

    LinePayConnector(ProviderHttp http, JsonMapper json, Clock clock, Environment environment) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.environment = environment;
    }

    /** Where LINE Pay calls back: the gateway's public URL ({@code mpac.pgw.public-url}, else {@code mpac.pgw-url}). */
    private String callbackUrl() {
        return environment.getProperty("mpac.pgw.public-url", environment.getProperty("mpac.pgw-url", ""))
                + "/v1/webhooks/linepay";
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.LINEPAY;
    }

    @Override
    public Set<String> paymentMethods() {
        return Set.of("linepay");
    }

    @Override
    public ProviderOutcome authorize(ProviderPayment payment, ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", payment.majorAmount());
        body.put("currency", payment.currency());
        body.put("orderId", payment.reference());
        body.put("packages", List.of(Map.of("id", "1", "amount", payment.majorAmount(), "name",
                "Payment " + payment.paymentIntentId(), "products", List.of(Map.of("name",
                        payment.description() == null ? "Purchase" : payment.description(), "quantity", 1, "price",
                        payment.majorAmount())))));
        String callbackUrl = callbackUrl();
        body.put("redirectUrls", Map.of("confirmUrl", callbackUrl, "cancelUrl", callbackUrl,
                "confirmUrlType", "SERVER"));
        body.put("options", Map.of("payment", Map.of("capture", !payment.manualCapture())));
        Reply reply = post(account, "/v3/payments/request", body);
        if (!reply.succeeded()) {
            return reply.failure();
        }
        JsonNode info = reply.info();
        return new ProviderOutcome.ActionRequired(info.path("transactionId").asString(),
                NextAction.qrCode(info.path("paymentUrl").path("web").asString(),
                        info.path("paymentUrl").path("app").asString(null),
                        clock.instant().plus(Duration.ofMinutes(20))));
    }

    /**
     * Where the payment request stands; once the shopper has approved it ({@code 0110}), confirming it is what
     * completes it, so the query confirms. Confirming twice is refused by LINE Pay (1172), never charged twice.
     */
    @Override
    public ProviderOutcome queryAuthorization(ProviderPayment payment, ProviderAccount account) {
        String transactionId = payment.providerReference();
        if (transactionId == null) {
            return byOrderId(payment, account);
        }
        Reply check = get(account, "/v3/payments/requests/" + transactionId + "/check", "");
        return switch (check.code()) {
            case "0000" -> new ProviderOutcome.ActionRequired(transactionId, null);
            case "0110" -> confirm(payment, transactionId, account);
            case "0121" -> new ProviderOutcome.Failed("canceled", "The shopper canceled or the request timed out.");
            case "0122" -> new ProviderOutcome.Failed("linepay_failed", "LINE Pay reports the payment failed.");
            case "0123" -> details(transactionId, account);
            default -> new ProviderOutcome.Pending(transactionId, "LINE Pay check " + check.code());
        };
    }

    private ProviderOutcome confirm(ProviderPayment payment, String transactionId, ProviderAccount account) {
        Reply reply = post(account, "/v3/payments/" + transactionId + "/confirm",
                Map.of("amount", payment.majorAmount(), "currency", payment.currency()));
        if (reply.succeeded()) {
            return payment.manualCapture() ? new ProviderOutcome.Authorized(transactionId)
                    : new ProviderOutcome.Succeeded(transactionId);
        }
        return reply.code().equals("1172") || reply.code().equals("1152") ? details(transactionId, account)
                : reply.failure();
    }

    private ProviderOutcome details(String transactionId, ProviderAccount account) {
        Reply reply = get(account, "/v3/payments", "transactionId=" + transactionId);
        if (!reply.succeeded() || reply.info().size() == 0) {
            return new ProviderOutcome.Pending(transactionId, "LINE Pay details " + reply.code());
        }
        return switch (reply.info().get(0).path("payStatus").asString("")) {
            case "AUTHORIZATION" -> new ProviderOutcome.Authorized(transactionId);
            case "CAPTURE" -> new ProviderOutcome.Succeeded(transactionId);
            case "VOIDED_AUTHORIZATION", "EXPIRED_AUTHORIZATION" -> new ProviderOutcome.Failed("canceled",
                    "The LINE Pay authorization was voided or expired.");
            default -> new ProviderOutcome.Pending(transactionId, "LINE Pay status "
                    + reply.info().get(0).path("payStatus").asString(""));
        };
    }

    /** After a request that timed out: LINE Pay may know the order by its id. */
    private ProviderOutcome byOrderId(ProviderPayment payment, ProviderAccount account) {
        Reply reply = get(account, "/v3/payments", "orderId=" + payment.reference());
        if (reply.succeeded() && reply.info().size() > 0) {
            String transactionId = reply.info().get(0).path("transactionId").asString();
            return details(transactionId, account);
        }
        if (reply.code().equals("1150") || reply.succeeded()) {
            return new ProviderOutcome.Failed("not_found", "LINE Pay never received the payment request.");
        }
        return new ProviderOutcome.Pending(null, "LINE Pay lookup " + reply.code());
    }

    @Override
    public ProviderOutcome capture(ProviderPayment payment, long amount, String captureReference,
            ProviderAccount account) {
        Reply reply = post(account, "/v3/payments/authorizations/" + payment.providerReference() + "/capture",
                Map.of("amount", payment.majorAmount(amount), "currency", payment.currency()));
        return reply.succeeded() ? new ProviderOutcome.Succeeded(payment.providerReference()) : reply.failure();
    }

    /**
     * A request the shopper has not approved moves no money until the gateway confirms it, which it never will
     * once canceled; an authorization is voided.
     */
    @Override
    public ProviderOutcome cancel(ProviderPayment payment, ProviderAccount account) {
        ProviderOutcome current = payment.providerReference() == null ? byOrderId(payment, account)
                : statusWithoutConfirming(payment.providerReference(), account);
        return switch (current) {
            case ProviderOutcome.ActionRequired waiting -> new ProviderOutcome.Succeeded(payment.providerReference());
            case ProviderOutcome.Failed failed -> new ProviderOutcome.Succeeded(payment.providerReference());
            case ProviderOutcome.Authorized authorized -> {
                Reply reply = post(account, "/v3/payments/authorizations/" + payment.providerReference() + "/void",
                        Map.of());
                yield reply.succeeded() ? new ProviderOutcome.Succeeded(payment.providerReference())
                        : reply.failure();
            }
            case ProviderOutcome.Succeeded succeeded -> new ProviderOutcome.Failed("already_completed",
                    "The payment was already captured at LINE Pay.");
            default -> current;
        };
    }

    private ProviderOutcome statusWithoutConfirming(String transactionId, ProviderAccount account) {
        Reply check = get(account, "/v3/payments/requests/" + transactionId + "/check", "");
        return switch (check.code()) {
            case "0000", "0110" -> new ProviderOutcome.ActionRequired(transactionId, null);
            case "0121", "0122" -> new ProviderOutcome.Failed("canceled", "Not paid.");
            case "0123" -> details(transactionId, account);
            default -> new ProviderOutcome.Pending(transactionId, "LINE Pay check " + check.code());
        };
    }

    @Override
    public ProviderOutcome refund(ProviderPayment payment, long amount, String refundReference,
            ProviderAccount account) {
        Reply reply = post(account, "/v3/payments/" + payment.providerReference() + "/refund",
                Map.of("refundAmount", payment.majorAmount(amount)));
        return reply.succeeded()
                ? new ProviderOutcome.Succeeded(reply.info().path("refundTransactionId").asString(refundReference))
                : reply.failure();
    }

    /**
     * LINE Pay keys refunds by its own refund id only, which a timed-out call never returned: such a refund stays
     * pending for an operator to match against LINE Pay's refund list, rather than being guessed either way.
     */
    @Override
    public ProviderOutcome queryRefund(ProviderPayment payment, String refundReference, ProviderAccount account) {
        return new ProviderOutcome.Pending(null, "LINE Pay refunds cannot be looked up by the gateway's reference");
    }

    private Reply post(ProviderAccount account, String path, Map<String, Object> body) {
        String text = json.writeValueAsString(body);
        return send(account, "POST", path, "", text);
    }

    private Reply get(ProviderAccount account, String path, String query) {
        return send(account, "GET", path, query, null);
    }

    private Reply send(ProviderAccount account, String method, String path, String query, String body) {
        String channelId = account.identifier("channel_id").orElseThrow(() -> new IncompleteAccountException(
                "LINE Pay", "channel_id"));
        String secret = account.credential("channel_secret").orElseThrow(() -> new IncompleteAccountException(
                "LINE Pay", "channel_secret"));
        String nonce = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(LinePayAuth.CHANNEL_ID, channelId);
        headers.put(LinePayAuth.NONCE, nonce);
        headers.put(LinePayAuth.SIGNATURE, LinePayAuth.signature(secret, path, body == null ? query : body, nonce));
        String url = account.identifier("base_url").orElse(DEFAULT_BASE_URL) + path
                + (query.isEmpty() ? "" : "?" + query);
        ProviderHttp.Response response = http.send(method, url, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        if (response.isServerError()) {
            throw new IllegalStateException("LINE Pay answered " + response.status());
        }
        JsonNode root = json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        return new Reply(root.path("returnCode").asString(""), root.path("returnMessage").asString(""),
                root.path("info"));
    }

    private record Reply(String code, String message, JsonNode info) {

        boolean succeeded() {
            return code.equals("0000");
        }

        /** 9000 and 1198 (internal error, request in progress) leave the outcome unknown. */
        ProviderOutcome failure() {
            if (code.equals("9000") || code.equals("1198") || code.isEmpty()) {
                return new ProviderOutcome.Pending(null, "LINE Pay " + (code.isEmpty() ? "gave no code" : code));
            }
            return new ProviderOutcome.Failed("linepay_" + code, message.isEmpty() ? "LINE Pay " + code : message);
        }
    }
}
