package com.mpac.mobilepay;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.contracts.sync.MerchantConfiguration.Store;
import com.mpac.contracts.sync.MerchantConfiguration.Terminal;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

/**
 * What svc-portal and a POS system do against the adapter in tests: onboard a merchant through the configuration
 * push, get its access token, then call the document's routes with accessToken + bioCode in the query string.
 */
public final class MobilePayApi {

    private final TestHttp http;
    private final JsonMapper json;

    public MobilePayApi(int port, JsonMapper json) {
        this.http = TestHttp.localhost(port);
        // Amounts keep their scale (125.50 stays 125.50) when a test reads them.
        this.json = json.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    /** A merchant as the tests know it: bioCode, token, one store with two terminals (a third in a second store). */
    public record Merchant(String id, String bioCode, String accessToken, String storeId, String terminalId,
            String otherTerminalId, String secondStoreId) {

        public Merchant withToken(String token) {
            return new Merchant(id, bioCode, token, storeId, terminalId, otherTerminalId, secondStoreId);
        }
    }

    public Merchant onboardWithoutToken() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Merchant merchant = new Merchant("m_" + suffix, "BIO" + suffix.toUpperCase(), null, "st_" + suffix,
                "t1_" + suffix, "t2_" + suffix, "st2_" + suffix);
        HttpResponse<String> response = sync(configuration(merchant, 1, true));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Onboarding failed: " + response.body());
        }
        return merchant;
    }

    /** Onboarded, with its access token. */
    public Merchant onboard() {
        Merchant merchant = onboardWithoutToken();
        JsonNode token = ok(http.get("/api/pos/manage/token?bioCode=" + merchant.bioCode()));
        return merchant.withToken(token.get("accessToken").asString());
    }

    /** A merchant with its PoS created at its first terminal. */
    public PosMerchant onboardWithPos() {
        Merchant merchant = onboard();
        JsonNode pos = ok(get(merchant, "/api/pos/manage/create", Map.of("terminalId", merchant.terminalId())));
        return new PosMerchant(merchant, pos.get("posId").asString());
    }

    public record PosMerchant(Merchant merchant, String posId) {
    }

    public static MerchantConfiguration configuration(Merchant merchant, long version, boolean mobilePayEnabled) {
        return new MerchantConfiguration(merchant.id(), version, "psp_1", "Café " + merchant.id(),
                MerchantStatus.ACTIVE,
                List.of(new ProviderAccount(Provider.MOBILEPAY, mobilePayEnabled, Map.of(),
                        Map.of("bio_code", merchant.bioCode()))),
                List.of(new Store(merchant.storeId(), "Main street", Status.ACTIVE, "Europe/Copenhagen",
                        List.of(new Terminal(merchant.terminalId(), "SN-1", Status.ACTIVE,
                                Map.of(Provider.MOBILEPAY, "MP-" + merchant.terminalId())),
                                new Terminal(merchant.otherTerminalId(), "SN-2", Status.ACTIVE))),
                        new Store(merchant.secondStoreId(), "Harbour", Status.ACTIVE, null, List.of())),
                List.of(), List.of(), List.of());
    }

    public HttpResponse<String> sync(MerchantConfiguration configuration) {
        String body = json.writeValueAsString(configuration);
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        return http.post(MerchantConfiguration.PATH, body, portal.headers("POST",
                URI.create(MerchantConfiguration.PATH), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A GET with the merchant's accessToken and bioCode added to the query. */
    public HttpResponse<String> get(Merchant merchant, String path, Map<String, String> params) {
        return send("GET", merchant, path, params, Map.of());
    }

    public HttpResponse<String> getXml(Merchant merchant, String path, Map<String, String> params) {
        return send("GET", merchant, path, params, Map.of("Accept", "application/xml"));
    }

    public HttpResponse<String> send(String method, Merchant merchant, String path, Map<String, String> params,
            Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("accessToken", merchant.accessToken());
        all.put("bioCode", merchant.bioCode());
        return http.send(method, path + query(all), null, headers);
    }

    /** The POST form: everything, accessToken and bioCode included, in the JSON body. */
    public HttpResponse<String> post(Merchant merchant, String path, Map<String, Object> body) {
        return post(merchant, path, body, Map.of());
    }

    public HttpResponse<String> post(Merchant merchant, String path, Map<String, Object> body,
            Map<String, String> headers) {
        Map<String, Object> all = new LinkedHashMap<>(body);
        all.put("accessToken", merchant.accessToken());
        all.put("bioCode", merchant.bioCode());
        return http.post(path, json.writeValueAsString(all), headers);
    }

    public HttpResponse<String> raw(String method, String pathAndQuery, String body, Map<String, String> headers) {
        return http.send(method, pathAndQuery, body, headers);
    }

    public HttpResponse<String> sandbox(String path) {
        return http.post("/api/pos/sandbox" + path, "{}", Map.of());
    }

    public HttpResponse<String> sandbox(String path, String body) {
        return http.post("/api/pos/sandbox" + path, body, Map.of());
    }

    public static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    public JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("Expected 200 but got " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    // ---- shortcuts ----

    public JsonNode start(Merchant merchant, String orderId, String amount) {
        return ok(get(merchant, "/api/pos/payment/start", Map.of("orderId", orderId, "amount", amount,
                "terminalId", merchant.terminalId(), "currencyCode", "DKK")));
    }

    public String status(Merchant merchant, String paymentId) {
        return ok(get(merchant, "/api/pos/payment/status", Map.of("paymentId", paymentId))).get("status")
                .asString();
    }

    /** Check in, issue and approve: the payment ends Reserved. */
    public void shopperApproves(String posId) {
        ok(sandbox("/pos/" + posId + "/checkin"));
        ok(sandbox("/pos/" + posId + "/payment/issue"));
        ok(sandbox("/pos/" + posId + "/payment/approve"));
    }

    public String reservedPayment(PosMerchant pm, String orderId, String amount) {
        String paymentId = start(pm.merchant(), orderId, amount).get("paymentId").asString();
        shopperApproves(pm.posId());
        return paymentId;
    }
}
