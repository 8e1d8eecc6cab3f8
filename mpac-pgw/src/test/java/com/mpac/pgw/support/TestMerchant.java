package com.mpac.pgw.support;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.ApiKey;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.contracts.sync.MerchantConfiguration.Store;
import com.mpac.contracts.sync.MerchantConfiguration.Terminal;
import com.mpac.contracts.sync.MerchantConfiguration.WebhookEndpoint;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A merchant back end in tests: onboarded through the real configuration push, then calling the gateway over HTTP
 * with its own HMAC key and a fresh Idempotency-Key per POST, as a real integration would.
 */
public final class TestMerchant {

    public static final String WEBHOOK_SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final String merchantId;
    private final String storeId;
    private final String terminalId;
    private final HmacSigner signer;
    private final TestHttp http;
    private final JsonMapper json;

    private TestMerchant(String merchantId, String apiSecret, int port, JsonMapper json) {
        this.merchantId = merchantId;
        this.storeId = "st_" + merchantId;
        this.terminalId = "tm_" + merchantId;
        this.signer = new HmacSigner(apiKeyId(merchantId), apiSecret, Clock.systemUTC());
        this.http = TestHttp.localhost(port);
        this.json = json;
    }

    /** A new merchant, pushed as svc-portal would, with webhooks to {@code webhookUrl} (may be null: none). */
    public static TestMerchant onboard(int port, JsonMapper json, String webhookUrl,
            List<ProviderAccount> providers) {
        String merchantId = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String apiSecret = "mps_" + UUID.randomUUID().toString().replace("-", "");
        List<WebhookEndpoint> endpoints = webhookUrl == null ? List.of()
                : List.of(new WebhookEndpoint("we_" + merchantId, webhookUrl, WEBHOOK_SECRET, List.of("*"),
                        Status.ACTIVE));
        MerchantConfiguration configuration = new MerchantConfiguration(merchantId, 1L, "psp_test", "Shop " + merchantId,
                MerchantStatus.ACTIVE, providers,
                List.of(new Store("st_" + merchantId, "Main", Status.ACTIVE, "Asia/Tokyo",
                        List.of(new Terminal("tm_" + merchantId, "SN-" + merchantId, Status.ACTIVE, Map.of())))),
                List.of(new ApiKey(apiKeyId(merchantId), List.of(apiSecret), Status.ACTIVE)), endpoints, List.of());
        String body = json.writeValueAsString(configuration);
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        HttpResponse<String> pushed = TestHttp.localhost(port).post(MerchantConfiguration.PATH, body,
                portal.headers("POST", URI.create(MerchantConfiguration.PATH), body.getBytes(StandardCharsets.UTF_8)));
        if (pushed.statusCode() != 200) {
            throw new IllegalStateException("Push failed: " + pushed.statusCode() + " " + pushed.body());
        }
        return new TestMerchant(merchantId, apiSecret, port, json);
    }

    public static TestMerchant onboard(int port, JsonMapper json, String webhookUrl) {
        return onboard(port, json, webhookUrl, List.of());
    }

    public String id() {
        return merchantId;
    }

    public String storeId() {
        return storeId;
    }

    public String terminalId() {
        return terminalId;
    }

    /** A signed POST with a new Idempotency-Key. */
    public HttpResponse<String> post(String path, String body) {
        return post(path, body, UUID.randomUUID().toString());
    }

    public HttpResponse<String> post(String path, String body, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(signed("POST", path, body));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return http.post(path, body, headers);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return http.get(pathAndQuery, signed("GET", pathAndQuery, ""));
    }

    /** Creates an intent and returns its JSON; fails the test if the gateway refuses. */
    public JsonNode createIntent(String body) {
        HttpResponse<String> response = post("/v1/payment_intents", body);
        if (response.statusCode() != 201) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public JsonNode confirm(String intentId, String provider, String paymentMethod) {
        HttpResponse<String> response = post("/v1/payment_intents/" + intentId + "/confirm",
                "{\"provider\":\"" + provider + "\",\"payment_method\":\"" + paymentMethod + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("confirm answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public JsonNode read(String intentId) {
        return json.readTree(get("/v1/payment_intents/" + intentId).body());
    }

    public Map<String, String> signed(String method, String pathAndQuery, String body) {
        return signer.headers(method, URI.create(pathAndQuery), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The headers of svc-smarttab acting for this merchant. */
    public Map<String, String> signedBySmartTab(String method, String pathAndQuery, String body) {
        HmacSigner smarttab = new HmacSigner(TestPlatformKeys.keyId("svc-smarttab"),
                TestPlatformKeys.secret("svc-smarttab"), Clock.systemUTC());
        Map<String, String> headers = new HashMap<>(smarttab.headers(method, URI.create(pathAndQuery),
                body.getBytes(StandardCharsets.UTF_8)));
        headers.put(HmacHeaders.ON_BEHALF_OF, merchantId);
        return headers;
    }

    private static String apiKeyId(String merchantId) {
        return "mpk_" + merchantId.substring(2);
    }
}
