package com.mpac.mqpay;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.ApiKey;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

/**
 * What a merchant back end (and svc-portal) does against mq-pay in tests: onboard a merchant through the
 * configuration push, then sign every MQ-Pay call with the merchant's API key, exactly as PLATFORM.md describes.
 */
public final class MqPayApi {

    public static final String BASE = "/api/mq-pay";

    private final TestHttp http;
    private final JsonMapper json;

    public MqPayApi(int port, JsonMapper json) {
        this.http = TestHttp.localhost(port);
        this.json = json;
    }

    /** A merchant as the tests know it: its API key and its VNPAY account. */
    public record Merchant(String id, String keyId, String secret, String merchantCode, String hashSecret) {

        public HmacSigner signer() {
            return new HmacSigner(keyId, secret, Clock.systemUTC());
        }
    }

    public Merchant onboard() {
        return onboard(true);
    }

    /** Pushes a new merchant with an API key and (if asked) an enabled VNPAY account. */
    public Merchant onboard(boolean vnpayEnabled) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Merchant merchant = new Merchant("m_" + suffix, "mpk_" + suffix, "mps_test_secret_" + suffix + "_0123456789",
                "MC" + suffix.substring(0, 8).toUpperCase(), "vnpay-hash-" + suffix);
        HttpResponse<String> response = sync(configuration(merchant, 1, vnpayEnabled));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Onboarding failed: " + response.body());
        }
        return merchant;
    }

    public static MerchantConfiguration configuration(Merchant merchant, long version, boolean vnpayEnabled) {
        return new MerchantConfiguration(merchant.id(), version, "psp_1", "Phở 24 " + merchant.id(),
                MerchantStatus.ACTIVE,
                List.of(new ProviderAccount(Provider.VNPAY, vnpayEnabled,
                        Map.of("merchant_code", merchant.merchantCode(), "acquirer_bin", "970436",
                                "terminal_id", "POS01"),
                        Map.of("hash_secret", merchant.hashSecret()))),
                List.of(), List.of(new ApiKey(merchant.keyId(), List.of(merchant.secret()), Status.ACTIVE)),
                List.of(), List.of());
    }

    public HttpResponse<String> sync(MerchantConfiguration configuration) {
        return syncAs("svc-portal", json.writeValueAsString(configuration));
    }

    public HttpResponse<String> syncAs(String service, String body) {
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId(service), TestPlatformKeys.secret(service),
                Clock.systemUTC());
        return http.post(MerchantConfiguration.PATH, body, portal.headers("POST",
                URI.create(MerchantConfiguration.PATH), body.getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> post(Merchant merchant, String path, String body) {
        return post(merchant, path, body, Map.of());
    }

    public HttpResponse<String> post(Merchant merchant, String path, String body, Map<String, String> extraHeaders) {
        return send(merchant, "POST", path, body, extraHeaders);
    }

    public HttpResponse<String> get(Merchant merchant, String pathAndQuery) {
        return send(merchant, "GET", pathAndQuery, null, Map.of());
    }

    public HttpResponse<String> patch(Merchant merchant, String path, String body) {
        return send(merchant, "PATCH", path, body, Map.of());
    }

    public HttpResponse<String> delete(Merchant merchant, String path) {
        return send(merchant, "DELETE", path, null, Map.of());
    }

    public HttpResponse<String> send(Merchant merchant, String method, String path, String body,
            Map<String, String> extraHeaders) {
        String target = BASE + path;
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(merchant.signer().headers(method, URI.create(target), bytes));
        headers.putAll(extraHeaders);
        return http.send(method, target, body, headers);
    }

    /** Unsigned, as the public (IPN, QR image, sandbox) routes are called. */
    public HttpResponse<String> postPublic(String path, String body) {
        return http.post(BASE + path, body, Map.of());
    }

    public HttpResponse<String> getPublic(String path) {
        return http.get(BASE + path);
    }

    public static String query(String name, String jsonValue) {
        return "?" + name + "=" + URLEncoder.encode(jsonValue, StandardCharsets.UTF_8);
    }

    public JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    // ---- payment shortcuts ----

    public JsonNode checkoutQr(Merchant merchant, String sourceId, long total) {
        return ok(post(merchant, "/payments/checkout", checkoutBody(sourceId, "VNPAY_QR_MMS", "100_QR_CODE", total,
                null)));
    }

    public JsonNode checkoutCash(Merchant merchant, String sourceId, long total) {
        return ok(post(merchant, "/payments/checkout", checkoutBody(sourceId, "SYSTEM", "200_CASH", total, null)));
    }

    public static String checkoutBody(String sourceId, String provider, String method, long total, Long amount) {
        return """
                {"source":{"type":"Order","id":"%s","uid":"ORD-%s"},
                 "payment":{"provider":"%s","method":"%s","total":%d,"currency":"VND"%s},
                 "expiration":{"mode":"duration","milliseconds":300000}}
                """.formatted(sourceId, sourceId, provider, method, total,
                amount == null ? "" : ",\"amount\":" + amount);
    }

    public JsonNode payCash(Merchant merchant, String attemptId, long tendered) {
        return ok(post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + attemptId + "\"},\"tendered\":" + tendered + ",\"note\":\"Cash\"}"));
    }

    /** The shopper scans and pays the QR in the sandbox; answers the sandbox's delivery report. */
    public JsonNode payQr(String qrCode) {
        return ok(postPublic("/sandbox/vnpay/pay", "{\"qrCode\":" + json.writeValueAsString(qrCode) + "}"));
    }

    public HttpResponse<String> refund(Merchant merchant, String attemptId, long amount) {
        return post(merchant, "/payments/refund",
                "{\"attemptId\":\"" + attemptId + "\",\"amount\":" + amount + ",\"reason\":\"Returned item\"}");
    }

    public JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("Expected 200 but got " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public static BigDecimal amount(JsonNode node) {
        return new BigDecimal(node.stringValue());
    }

    public static String newSource() {
        return "order-" + UUID.randomUUID();
    }
}
