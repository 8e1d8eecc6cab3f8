package com.mpac.pgw.provider.paypay;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.id.Ids;
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
 * Plays PayPay for the local run and the tests: the OPA endpoints the connector uses under {@code /sandbox/paypay},
 * each checking the OPA-Auth signature with the merchant's PayPay credentials (found by X-ASSUME-MERCHANT), with
 * PayPay's envelope, statuses and error codes; and the shopper's PayPay app, which pays a code and makes PayPay send
 * its (unsigned, as PayPay's are) transaction webhook to the gateway.
 */
@RestController
@Tag(name = "Sandbox")
class PayPaySandbox {

    static final String BASE = "/sandbox/paypay";
    private static final String QR_HOST = "https://qr-sandbox.paypay.mpac.local/";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final JdbcClient jdbc;
    private final MerchantDirectory merchants;
    private final JsonMapper json;
    private final Clock clock;
    private final SandboxCallbacks callbacks;
    private final boolean enabled;

    PayPaySandbox(JdbcClient jdbc, MerchantDirectory merchants, JsonMapper json, Clock clock,
            SandboxCallbacks callbacks, @Value("${mpac.sandbox-enabled:false}") boolean enabled) {
        this.jdbc = jdbc;
        this.merchants = merchants;
        this.json = json;
        this.clock = clock;
        this.callbacks = callbacks;
        this.enabled = enabled;
    }

    @Hidden
    @PostMapping(BASE + "/v2/codes")
    @Transactional
    ResponseEntity<Map<String, Object>> createCode(HttpServletRequest request, @RequestBody byte[] body) {
        String merchant = authenticate(request, "/v2/codes", body);
        JsonNode order = json.readTree(body);
        String merchantPaymentId = order.path("merchantPaymentId").asString("");
        long amount = order.path("amount").path("amount").asLong(-1);
        if (merchantPaymentId.isEmpty() || merchantPaymentId.length() > 64 || amount <= 0
                || !"ORDER_QR".equals(order.path("codeType").asString(""))) {
            return reply(HttpStatus.BAD_REQUEST, "INVALID_PARAMS", "Invalid request params", null);
        }
        if (payment(merchantPaymentId).isPresent()) {
            return reply(HttpStatus.BAD_REQUEST, "DUPLICATE_DYNAMIC_QR_REQUEST", "Duplicate merchantPaymentId", null);
        }
        String codeId = "04-" + Ids.random(16);
        Instant expiry = clock.instant().plusSeconds(300);
        jdbc.sql("""
                INSERT INTO paypay_sandbox_payment (merchant_payment_id, assume_merchant, code_id, amount, currency,
                    is_authorization, status, expiry_date)
                VALUES (:id, :merchant, :codeId, :amount, :currency, :auth, 'CREATED', :expiry)
                """)
                .param("id", merchantPaymentId).param("merchant", merchant).param("codeId", codeId)
                .param("amount", amount).param("currency", order.path("amount").path("currency").asString("JPY"))
                .param("auth", order.path("isAuthorization").asBoolean(false))
                .param("expiry", Timestamp.from(expiry)).update();
        String url = QR_HOST + "28180104" + codeId.substring(3);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("codeId", codeId);
        data.put("url", url);
        data.put("deeplink", "paypay://payment?link_key=" + java.net.URLEncoder.encode(url, StandardCharsets.UTF_8));
        data.put("expiryDate", expiry.getEpochSecond());
        data.put("merchantPaymentId", merchantPaymentId);
        data.put("amount", order.path("amount"));
        data.put("codeType", "ORDER_QR");
        data.put("isAuthorization", order.path("isAuthorization").asBoolean(false));
        return reply(HttpStatus.CREATED, "SUCCESS", "Success", data);
    }

    @Hidden
    @GetMapping(BASE + "/v2/codes/payments/{merchantPaymentId}")
    ResponseEntity<Map<String, Object>> paymentDetails(HttpServletRequest request,
            @PathVariable String merchantPaymentId) {
        authenticate(request, "/v2/codes/payments/" + merchantPaymentId, null);
        Optional<Payment> payment = payment(merchantPaymentId).filter(p -> !p.status().equals("CREATED")
                && !p.status().equals("DELETED"));
        if (payment.isEmpty()) {
            return reply(HttpStatus.NOT_FOUND, "RESOURCE_NOT_FOUND", "Order not found", null);
        }
        return reply(HttpStatus.OK, "SUCCESS", "Success", payment.get().data());
    }

    @Hidden
    @DeleteMapping(BASE + "/v2/codes/{codeId}")
    ResponseEntity<Map<String, Object>> deleteCode(HttpServletRequest request, @PathVariable String codeId) {
        authenticate(request, "/v2/codes/" + codeId, null);
        int deleted = jdbc.sql("UPDATE paypay_sandbox_payment SET status = 'DELETED' WHERE code_id = :c AND status = 'CREATED'")
                .param("c", codeId).update();
        return deleted == 1 ? reply(HttpStatus.OK, "SUCCESS", "Success", null)
                : reply(HttpStatus.NOT_FOUND, "RESOURCE_NOT_FOUND", "Code not found", null);
    }

    @Hidden
    @PostMapping(BASE + "/v2/payments/capture")
    @Transactional
    ResponseEntity<Map<String, Object>> capture(HttpServletRequest request, @RequestBody byte[] body) {
        authenticate(request, "/v2/payments/capture", body);
        JsonNode capture = json.readTree(body);
        String merchantPaymentId = capture.path("merchantPaymentId").asString("");
        long amount = capture.path("amount").path("amount").asLong(-1);
        Optional<Payment> payment = payment(merchantPaymentId);
        if (payment.isEmpty()) {
            return reply(HttpStatus.NOT_FOUND, "RESOURCE_NOT_FOUND", "Order not found", null);
        }
        if (payment.get().status().equals("COMPLETED")) {
            return reply(HttpStatus.OK, "SUCCESS", "Success", payment.get().data());
        }
        if (!payment.get().status().equals("AUTHORIZED") || amount <= 0 || amount > payment.get().amount()) {
            return reply(HttpStatus.BAD_REQUEST, "UNACCEPTABLE_OP", "The order cannot be captured", null);
        }
        jdbc.sql("UPDATE paypay_sandbox_payment SET status = 'COMPLETED', captured_amount = :a WHERE merchant_payment_id = :id")
                .param("a", amount).param("id", merchantPaymentId).update();
        return reply(HttpStatus.OK, "SUCCESS", "Success", payment(merchantPaymentId).orElseThrow().data());
    }

    @Hidden
    @PostMapping(BASE + "/v2/payments/preauthorize/revert")
    @Transactional
    ResponseEntity<Map<String, Object>> revert(HttpServletRequest request, @RequestBody byte[] body) {
        authenticate(request, "/v2/payments/preauthorize/revert", body);
        String paymentId = json.readTree(body).path("paymentId").asString("");
        int reverted = jdbc.sql("""
                UPDATE paypay_sandbox_payment SET status = 'CANCELED' WHERE payment_id = :p AND status = 'AUTHORIZED'
                """).param("p", paymentId).update();
        return reverted == 1 ? reply(HttpStatus.OK, "SUCCESS", "Success", Map.of("status", "CANCELED",
                "paymentId", paymentId)) : reply(HttpStatus.BAD_REQUEST, "UNACCEPTABLE_OP", "Cannot revert", null);
    }

    @Hidden
    @PostMapping(BASE + "/v2/refunds")
    @Transactional
    ResponseEntity<Map<String, Object>> refund(HttpServletRequest request, @RequestBody byte[] body) {
        authenticate(request, "/v2/refunds", body);
        JsonNode refund = json.readTree(body);
        String refundId = refund.path("merchantRefundId").asString("");
        String paymentId = refund.path("paymentId").asString("");
        long amount = refund.path("amount").path("amount").asLong(-1);
        if (refundRow(refundId).isPresent()) {
            return reply(HttpStatus.OK, "SUCCESS", "Success", refundRow(refundId).get());
        }
        int updated = jdbc.sql("""
                UPDATE paypay_sandbox_payment SET refunded_amount = refunded_amount + :a
                WHERE payment_id = :p AND status = 'COMPLETED' AND refunded_amount + :a <= captured_amount AND :a > 0
                """).param("a", amount).param("p", paymentId).update();
        if (updated == 0) {
            return reply(HttpStatus.BAD_REQUEST, "INVALID_PARAMS", "The amount exceeds the refundable amount", null);
        }
        jdbc.sql("INSERT INTO paypay_sandbox_refund (merchant_refund_id, payment_id, amount, status) VALUES (:r, :p, :a, 'REFUNDED')")
                .param("r", refundId).param("p", paymentId).param("a", amount).update();
        return reply(HttpStatus.OK, "SUCCESS", "Success", refundRow(refundId).orElseThrow());
    }

    @Hidden
    @GetMapping(BASE + "/v2/refunds/{merchantRefundId}")
    ResponseEntity<Map<String, Object>> refundDetails(HttpServletRequest request,
            @PathVariable String merchantRefundId) {
        authenticate(request, "/v2/refunds/" + merchantRefundId, null);
        return refundRow(merchantRefundId)
                .map(data -> reply(HttpStatus.OK, "SUCCESS", "Success", data))
                .orElse(reply(HttpStatus.NOT_FOUND, "RESOURCE_NOT_FOUND", "Refund not found", null));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PayRequest(@NotBlank @Size(max = 512) String qrUrl,
            @Pattern(regexp = "pay|fail", message = "is pay or fail") String result) {
    }

    @PostMapping("/v1/sandbox/paypay/pay")
    @Operation(summary = "Pay a PayPay sandbox QR code (the shopper's PayPay app)", description = "Pays "
            + "(result=pay, the default) or fails the code behind next_action.display_qr_code.data, then PayPay sends "
            + "its transaction webhook to POST /v1/webhooks/paypay.")
    Map<String, Object> pay(@Valid @RequestBody PayRequest request) {
        requireEnabled();
        String prefix = QR_HOST + "28180104";
        if (!request.qrUrl().startsWith(prefix)) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "qr_url is not a PayPay sandbox code.");
        }
        String codeId = "04-" + request.qrUrl().substring(prefix.length());
        Payment payment = jdbc.sql("SELECT * FROM paypay_sandbox_payment WHERE code_id = :c").param("c", codeId)
                .query(this::map).optional()
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "PayPay has no such code."));
        String status = "fail".equals(request.result()) ? "FAILED" : payment.isAuthorization() ? "AUTHORIZED"
                : "COMPLETED";
        int paid = jdbc.sql("""
                UPDATE paypay_sandbox_payment SET status = :s, payment_id = :p, accepted_at = clock_timestamp(),
                    captured_amount = CASE WHEN :s = 'COMPLETED' THEN amount ELSE 0 END
                WHERE code_id = :c AND status = 'CREATED' AND expiry_date > clock_timestamp()
                """)
                .param("s", status).param("p", Long.toUnsignedString(RANDOM.nextLong())).param("c", codeId).update();
        if (paid == 0) {
            throw new ApiException(ProblemTypes.CONFLICT, "This code can no longer be paid.");
        }
        Payment now = payment(payment.merchantPaymentId()).orElseThrow();
        return Map.of("merchant_payment_id", now.merchantPaymentId(), "status", now.status(),
                "webhook_status", sendWebhook(now));
    }

    /** PayPay's transaction event; PayPay signs none, so the gateway confirms it by asking PayPay. */
    private int sendWebhook(Payment payment) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("notification_type", "Transaction");
        event.put("merchant_id", payment.assumeMerchant());
        event.put("order_id", payment.paymentId());
        event.put("merchant_order_id", payment.merchantPaymentId());
        event.put("order_amount", Long.toString(payment.amount()));
        event.put("state", payment.status());
        event.put("paid_at", clock.instant().toString());
        return callbacks.postToGateway("/v1/webhooks/paypay", Map.of("Content-Type", "application/json"),
                json.writeValueAsString(event));
    }

    /** The OPA-Auth check PayPay makes; a failure answers PayPay's 401 UNAUTHORIZED. */
    private String authenticate(HttpServletRequest request, String path, byte[] body) {
        requireEnabled();
        String merchant = request.getHeader("X-ASSUME-MERCHANT");
        Optional<PayPayAuth.Parts> parts = PayPayAuth.parse(request.getHeader("Authorization"));
        Optional<ProviderAccount> account = merchant == null ? Optional.empty()
                : merchants.providerAccountByIdentifier("PAYPAY", "merchant_id", merchant);
        boolean valid = parts.isPresent() && account.isPresent()
                && parts.get().apiKey().equals(account.get().credential("api_key").orElse(null))
                && Math.abs(clock.instant().getEpochSecond() - parts.get().epoch()) < 120
                && parts.get().verifies(account.get().credential("api_secret").orElse(""), request.getMethod(), path,
                        request.getContentType(), body);
        if (!valid) {
            throw new PayPayUnauthorized();
        }
        return merchant;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "Sandboxes are not enabled here.");
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(PayPayUnauthorized.class)
    ResponseEntity<Map<String, Object>> unauthorized() {
        return reply(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized request", null);
    }

    static final class PayPayUnauthorized extends RuntimeException {

        PayPayUnauthorized() {
            super("OPA-Auth does not verify", null, false, false);
        }
    }

    private static ResponseEntity<Map<String, Object>> reply(HttpStatus status, String code, String message,
            Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resultInfo", Map.of("code", code, "message", message, "codeId", status.is2xxSuccessful()
                ? "08100001" : "00200001"));
        body.put("data", data);
        return ResponseEntity.status(status).body(body);
    }

    record Payment(String merchantPaymentId, String assumeMerchant, String codeId, String paymentId, long amount,
            String currency, boolean isAuthorization, String status, Instant acceptedAt) {

        Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("paymentId", paymentId);
            data.put("status", status);
            data.put("acceptedAt", acceptedAt == null ? null : acceptedAt.getEpochSecond());
            data.put("merchantPaymentId", merchantPaymentId);
            data.put("amount", Map.of("amount", amount, "currency", currency));
            return data;
        }
    }

    private Optional<Payment> payment(String merchantPaymentId) {
        return jdbc.sql("SELECT * FROM paypay_sandbox_payment WHERE merchant_payment_id = :id")
                .param("id", merchantPaymentId).query(this::map).optional()
                .map(p -> p.status().equals("CREATED") && expired(p) ? expire(p) : p);
    }

    private boolean expired(Payment payment) {
        return jdbc.sql("SELECT expiry_date < clock_timestamp() FROM paypay_sandbox_payment WHERE merchant_payment_id = :id")
                .param("id", payment.merchantPaymentId()).query(Boolean.class).single();
    }

    private Payment expire(Payment payment) {
        jdbc.sql("UPDATE paypay_sandbox_payment SET status = 'EXPIRED' WHERE merchant_payment_id = :id AND status = 'CREATED'")
                .param("id", payment.merchantPaymentId()).update();
        return payment(payment.merchantPaymentId()).orElseThrow();
    }

    private Optional<Map<String, Object>> refundRow(String merchantRefundId) {
        return jdbc.sql("SELECT * FROM paypay_sandbox_refund WHERE merchant_refund_id = :r")
                .param("r", merchantRefundId)
                .query((rs, n) -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("status", rs.getString("status"));
                    data.put("merchantRefundId", rs.getString("merchant_refund_id"));
                    data.put("paymentId", rs.getString("payment_id"));
                    data.put("amount", Map.of("amount", rs.getLong("amount"), "currency", "JPY"));
                    data.put("acceptedAt", rs.getTimestamp("accepted_at").toInstant().getEpochSecond());
                    return data;
                }).optional();
    }

    private Payment map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp accepted = rs.getTimestamp("accepted_at");
        return new Payment(rs.getString("merchant_payment_id"), rs.getString("assume_merchant"),
                rs.getString("code_id"), rs.getString("payment_id"), rs.getLong("amount"), rs.getString("currency"),
                rs.getBoolean("is_authorization"), rs.getString("status"),
                accepted == null ? null : accepted.toInstant());
    }
}
