package com.mpac.pgw.provider.linepay;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.pgw.merchant.MerchantDirectory;
import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.SandboxCallbacks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays LINE Pay for the local run and the tests: the v3 endpoints the connector uses under
 * {@code /sandbox/linepay}, each checking the X-LINE-Authorization signature with the channel's secret and answering
 * in LINE Pay's {@code returnCode} envelope; and the shopper approving in LINE, after which LINE Pay calls the
 * request's confirmUrl with {@code transactionId} and {@code orderId}.
 */
@RestController
@Tag(name = "Sandbox")
class LinePaySandbox {

    static final String BASE = "/sandbox/linepay";
    private static final String PAYMENT_PAGE = "https://sandbox-web-pay.line.mpac.local/web/payment/wait?transactionId=";

    private final JdbcClient jdbc;
    private final MerchantDirectory merchants;
    private final JsonMapper json;
    private final boolean enabled;
    private final SandboxCallbacks callbacks;
    private final SecureRandom random = new SecureRandom();

    LinePaySandbox(JdbcClient jdbc, MerchantDirectory merchants, JsonMapper json, SandboxCallbacks callbacks,
            @Value("${mpac.sandbox-enabled:false}") boolean enabled) {
        this.jdbc = jdbc;
        this.merchants = merchants;
        this.json = json;
        this.callbacks = callbacks;
        this.enabled = enabled;
    }

    @Hidden
    @PostMapping(BASE + "/v3/payments/request")
    @Transactional
    Map<String, Object> request(HttpServletRequest request, @RequestBody String body) {
        String channel = authenticate(request, "/v3/payments/request", body);
        if (channel == null) {
            return reply("1106", "Header information error.", null);
        }
        JsonNode order = json.readTree(body);
        String orderId = order.path("orderId").asString("");
        BigDecimal amount = order.path("amount").decimalValue();
        if (orderId.isEmpty() || amount.signum() <= 0) {
            return reply("2101", "Parameter error.", null);
        }
        if (find("order_id", orderId).isPresent()) {
            return reply("1172", "Existing same orderId.", null);
        }
        long transactionId = 2_000_000_000_000_000_000L + Math.floorMod(random.nextLong(), 999_999_999_999_999_999L);
        jdbc.sql("""
                INSERT INTO linepay_sandbox_payment (transaction_id, order_id, channel_id, amount, currency, capture,
                    confirm_url, status)
                VALUES (:t, :o, :c, :a, :cur, :capture, :url, 'RESERVED')
                """)
                .param("t", transactionId).param("o", orderId).param("c", channel).param("a", amount)
                .param("cur", order.path("currency").asString("")).param("url",
                        order.path("redirectUrls").path("confirmUrl").asString(""))
                .param("capture", order.path("options").path("payment").path("capture").asBoolean(true)).update();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("paymentUrl", Map.of("web", PAYMENT_PAGE + transactionId, "app", "line://pay/payment/" + transactionId));
        info.put("transactionId", transactionId);
        info.put("paymentAccessToken", Long.toString(Math.floorMod(random.nextLong(), 1_000_000_000_000L)));
        return reply("0000", "Success.", info);
    }

    @Hidden
    @GetMapping(BASE + "/v3/payments/requests/{transactionId}/check")
    Map<String, Object> check(HttpServletRequest request, @PathVariable long transactionId) {
        if (authenticate(request, "/v3/payments/requests/" + transactionId + "/check", "") == null) {
            return reply("1106", "Header information error.", null);
        }
        return find("transaction_id", transactionId).map(p -> switch (p.status()) {
            case "RESERVED" -> reply("0000", "Reserved transaction.", null);
            case "APPROVED" -> reply("0110", "Finished authentication.", null);
            case "CANCELED" -> reply("0121", "Cancelled by the user.", null);
            default -> reply("0123", "Payment completed.", null);
        }).orElse(reply("1150", "Transaction record not found.", null));
    }

    @Hidden
    @PostMapping(BASE + "/v3/payments/{transactionId}/confirm")
    @Transactional
    Map<String, Object> confirm(HttpServletRequest request, @PathVariable long transactionId,
            @RequestBody String body) {
        if (authenticate(request, "/v3/payments/" + transactionId + "/confirm", body) == null) {
            return reply("1106", "Header information error.", null);
        }
        Optional<Payment> payment = find("transaction_id", transactionId);
        if (payment.isEmpty()) {
            return reply("1150", "Transaction record not found.", null);
        }
        if (json.readTree(body).path("amount").decimalValue().compareTo(payment.get().amount()) != 0) {
            return reply("1153", "The payment amount differs from the requested amount.", null);
        }
        int confirmed = jdbc.sql("UPDATE linepay_sandbox_payment SET status = :s WHERE transaction_id = :t AND status = 'APPROVED'")
                .param("s", payment.get().capture() ? "CAPTURE" : "AUTHORIZATION").param("t", transactionId)
                .update();
        if (confirmed == 0) {
            return reply(payment.get().status().equals("RESERVED") ? "1169" : "1172",
                    "The transaction cannot be confirmed now.", null);
        }
        return reply("0000", "Success.", Map.of("orderId", payment.get().orderId(), "transactionId", transactionId,
                "payInfo", List.of(Map.of("method", "BALANCE", "amount", payment.get().amount()))));
    }

    @Hidden
    @GetMapping(BASE + "/v3/payments")
    Map<String, Object> details(HttpServletRequest request) {
        if (authenticate(request, "/v3/payments", request.getQueryString() == null ? ""
                : request.getQueryString()) == null) {
            return reply("1106", "Header information error.", null);
        }
        Optional<Payment> payment = request.getParameter("transactionId") != null
                ? find("transaction_id", Long.parseLong(request.getParameter("transactionId")))
                : find("order_id", String.valueOf(request.getParameter("orderId")));
        return payment.filter(p -> !p.status().equals("RESERVED") && !p.status().equals("APPROVED"))
                .map(p -> reply("0000", "Success.", List.of(Map.of("transactionId", p.transactionId(), "orderId",
                        p.orderId(), "payStatus", p.status(), "currency", p.currency(), "refundList",
                        List.of()))))
                .orElse(reply("1150", "Transaction record not found.", null));
    }

    @Hidden
    @PostMapping(BASE + "/v3/payments/authorizations/{transactionId}/capture")
    @Transactional
    Map<String, Object> capture(HttpServletRequest request, @PathVariable long transactionId,
            @RequestBody String body) {
        return move(request, "/v3/payments/authorizations/" + transactionId + "/capture", body, transactionId,
                "CAPTURE");
    }

    @Hidden
    @PostMapping(BASE + "/v3/payments/authorizations/{transactionId}/void")
    @Transactional
    Map<String, Object> voidAuthorization(HttpServletRequest request, @PathVariable long transactionId,
            @RequestBody String body) {
        return move(request, "/v3/payments/authorizations/" + transactionId + "/void", body, transactionId,
                "VOIDED_AUTHORIZATION");
    }

    @Hidden
    @PostMapping(BASE + "/v3/payments/{transactionId}/refund")
    @Transactional
    Map<String, Object> refund(HttpServletRequest request, @PathVariable long transactionId,
            @RequestBody String body) {
        if (authenticate(request, "/v3/payments/" + transactionId + "/refund", body) == null) {
            return reply("1106", "Header information error.", null);
        }
        BigDecimal amount = json.readTree(body).path("refundAmount").decimalValue();
        int refunded = jdbc.sql("""
                UPDATE linepay_sandbox_payment SET refunded_amount = refunded_amount + :a
                WHERE transaction_id = :t AND status = 'CAPTURE' AND refunded_amount + :a <= amount AND :a > 0
                """).param("a", amount).param("t", transactionId).update();
        if (refunded == 0) {
            return reply("1164", "Exceeds refundable amount.", null);
        }
        return reply("0000", "Success.", Map.of("refundTransactionId",
                Long.toString(transactionId + 1 + Math.floorMod(random.nextLong(), 1_000_000L)),
                "refundTransactionDate", java.time.Instant.now().toString()));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApproveRequest(@NotBlank @Size(max = 512) String paymentUrl,
            @Pattern(regexp = "approve|cancel", message = "is approve or cancel") String result) {
    }

    @PostMapping("/v1/sandbox/linepay/approve")
    @Operation(summary = "Approve a LINE Pay sandbox payment (the shopper in LINE)", description = "Approves "
            + "(result=approve, the default) or cancels the payment behind next_action.display_qr_code.data; on "
            + "approval LINE Pay calls the request's confirmUrl (POST /v1/webhooks/linepay) with transactionId and "
            + "orderId.")
    Map<String, Object> approve(@Valid @RequestBody ApproveRequest request) {
        requireEnabled();
        if (!request.paymentUrl().startsWith(PAYMENT_PAGE)) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "payment_url is not a LINE Pay sandbox page.");
        }
        long transactionId;
        try {
            transactionId = Long.parseLong(request.paymentUrl().substring(PAYMENT_PAGE.length()));
        }
        catch (NumberFormatException ex) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "payment_url has no transaction id.");
        }
        boolean approve = !"cancel".equals(request.result());
        int moved = jdbc.sql("UPDATE linepay_sandbox_payment SET status = :s WHERE transaction_id = :t AND status = 'RESERVED'")
                .param("s", approve ? "APPROVED" : "CANCELED").param("t", transactionId).update();
        if (moved == 0) {
            throw new ApiException(ProblemTypes.CONFLICT, "This payment request can no longer be approved.");
        }
        Payment payment = find("transaction_id", transactionId).orElseThrow();
        int callback = approve ? callConfirmUrl(payment) : 0;
        return Map.of("transaction_id", Long.toString(transactionId), "status", payment.status(),
                "confirm_url_status", callback);
    }

    private int callConfirmUrl(Payment payment) {
        String url = payment.confirmUrl() + (payment.confirmUrl().contains("?") ? "&" : "?") + "transactionId="
                + payment.transactionId() + "&orderId=" + URLEncoder.encode(payment.orderId(), StandardCharsets.UTF_8);
        return callbacks.post(url, Map.of(), null);
    }

    private Map<String, Object> move(HttpServletRequest request, String path, String body, long transactionId,
            String to) {
        if (authenticate(request, path, body) == null) {
            return reply("1106", "Header information error.", null);
        }
        int moved = jdbc.sql("UPDATE linepay_sandbox_payment SET status = :s WHERE transaction_id = :t AND status = 'AUTHORIZATION'")
                .param("s", to).param("t", transactionId).update();
        return moved == 1 ? reply("0000", "Success.", Map.of("transactionId", transactionId))
                : reply("1150", "No authorization to act on.", null);
    }

    /** The channel id if the signature verifies with that channel's secret, else null. */
    private String authenticate(HttpServletRequest request, String path, String bodyOrQuery) {
        requireEnabled();
        String channel = request.getHeader(LinePayAuth.CHANNEL_ID);
        Optional<ProviderAccount> account = channel == null ? Optional.empty()
                : merchants.providerAccountByIdentifier("LINEPAY", "channel_id", channel);
        boolean valid = account.isPresent() && LinePayAuth.verifies(account.get().credential("channel_secret")
                .orElse(""), path, bodyOrQuery, request.getHeader(LinePayAuth.NONCE),
                request.getHeader(LinePayAuth.SIGNATURE));
        return valid ? channel : null;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "Sandboxes are not enabled here.");
        }
    }

    private static Map<String, Object> reply(String code, String message, Object info) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("returnCode", code);
        body.put("returnMessage", message);
        if (info != null) {
            body.put("info", info);
        }
        return body;
    }

    record Payment(long transactionId, String orderId, BigDecimal amount, String currency, boolean capture,
            String confirmUrl, String status) {
    }

    private Optional<Payment> find(String column, Object value) {
        return jdbc.sql("SELECT * FROM linepay_sandbox_payment WHERE " + column + " = :v").param("v", value)
                .query((rs, n) -> new Payment(rs.getLong("transaction_id"), rs.getString("order_id"),
                        rs.getBigDecimal("amount"), rs.getString("currency"), rs.getBoolean("capture"),
                        rs.getString("confirm_url"), rs.getString("status")))
                .optional();
    }
}
