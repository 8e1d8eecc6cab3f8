package com.mpac.mia;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

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

/** What svc-portal and a MIA POS terminal application do against the service in tests. */
public final class MiaApi {

    public static final Map<String, String> DEVICE = Map.of("X-DEVICE", "Sunmi V2", "X-PLATFORM-TYPE", "android",
            "X-INSTALLATION-ID", "628f8a47-50a4-47e4-be12-af6c4dac9573", "X-POS-APP-VERSION", "42");

    private final TestHttp http;
    private final JsonMapper json;

    public MiaApi(int port, JsonMapper json) {
        this.http = TestHttp.localhost(port);
        this.json = json;
    }

    /** A merchant with one store and one MIA terminal, and a cashier registered at the portal stub. */
    public record Pos(String merchantId, String idno, String storeId, String terminalId, String miaTerminalId,
            String email) {
    }

    /** A terminal activated and a seller logged in: what most tests start from. */
    public record Session(Pos pos, String activationId, String accessToken, String refreshToken) {
    }

    public Pos onboard() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Pos pos = new Pos("m_" + suffix, "100" + Math.abs(suffix.hashCode()), "st_" + suffix, "tm_" + suffix,
                "MIA" + suffix.substring(0, 8).toUpperCase(), "cashier_" + suffix + "@shop.example");
        HttpResponse<String> response = sync(configuration(pos, 1, true));
        if (response.statusCode() != 200) {
            throw new AssertionError("Onboarding failed: " + response.body());
        }
        PortalStub.register("u_" + suffix, pos.email(), pos.storeId(), pos.merchantId());
        return pos;
    }

    public static MerchantConfiguration configuration(Pos pos, long version, boolean miaEnabled) {
        return configuration(pos, version, miaEnabled, Map.of());
    }

    /** The merchant's configuration with more MIA_POS identifiers (e.g. {@code mcc}) besides idno and phone. */
    public static MerchantConfiguration configuration(Pos pos, long version, boolean miaEnabled,
            Map<String, String> moreIdentifiers) {
        Map<String, String> identifiers = new HashMap<>(moreIdentifiers);
        identifiers.put("idno", pos.idno());
        identifiers.put("phone", "+37369123456");
        return new MerchantConfiguration(pos.merchantId(), version, "psp_1", "Cafe Chișinău " + pos.merchantId(),
                MerchantStatus.ACTIVE,
                List.of(new ProviderAccount(Provider.MIA_POS, miaEnabled, identifiers,
                        Map.of("api_secret", "mia-secret"))),
                List.of(new Store(pos.storeId(), "Store Botanica", Status.ACTIVE, "Europe/Chisinau",
                        List.of(new Terminal(pos.terminalId(), "SN-1", Status.ACTIVE,
                                Map.of(Provider.MIA_POS, pos.miaTerminalId()))))),
                List.of(), List.of(), List.of());
    }

    public HttpResponse<String> sync(MerchantConfiguration configuration) {
        String body = json.writeValueAsString(configuration);
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        return http.post(MerchantConfiguration.PATH, body, portal.headers("POST",
                URI.create(MerchantConfiguration.PATH), body.getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> init(Pos pos) {
        return http.post("/pos/api/v1/terminal-activation/init",
                "{\"terminalId\":\"" + pos.miaTerminalId() + "\",\"merchantIdno\":\"" + pos.idno() + "\"}", DEVICE);
    }

    /** The OTP of the newest SMS of an activation in the sandbox outbox. */
    public String otp(String activationId) {
        JsonNode sms = ok(http.get("/pos/sandbox/sms?terminalActivationId=" + activationId));
        Matcher digits = java.util.regex.Pattern.compile("([0-9]{6})$")
                .matcher(sms.at("/messages/0/text").asString());
        if (!digits.find()) {
            throw new AssertionError("No OTP in " + sms);
        }
        return digits.group(1);
    }

    public HttpResponse<String> confirm(String activationId, String otp) {
        return http.post("/pos/api/v1/terminal-activation/confirm",
                "{\"terminalActivationId\":\"" + activationId + "\",\"otpCode\":\"" + otp + "\"}", Map.of());
    }

    public String activate(Pos pos) {
        String activationId = ok(init(pos)).get("terminalActivationId").asString();
        ok(confirm(activationId, otp(activationId)));
        return activationId;
    }

    public HttpResponse<String> login(String activationId, String username, String password) {
        return http.post("/pos/api/v1/seller/login", "{\"terminalActivationId\":\"" + activationId
                + "\",\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", Map.of());
    }

    public Session session() {
        Pos pos = onboard();
        String activationId = activate(pos);
        JsonNode tokens = ok(login(activationId, pos.email(), PortalStub.PASSWORD)).get("authTokens");
        return new Session(pos, activationId, tokens.get("accessToken").asString(),
                tokens.get("refreshToken").asString());
    }

    /** A session with an open shift. */
    public Session shiftOpen() {
        Session session = session();
        ok(post(session, "/pos/api/v1/shift/open", null));
        return session;
    }

    public HttpResponse<String> get(Session session, String path) {
        return http.get(path, bearer(session));
    }

    public HttpResponse<String> post(Session session, String path, String body) {
        return http.send("POST", path, body, bearer(session));
    }

    public HttpResponse<String> delete(Session session, String path) {
        return http.send("DELETE", path, null, bearer(session));
    }

    public HttpResponse<String> postPublic(String path, String body) {
        return http.post(path, body, Map.of());
    }

    public HttpResponse<String> getPublic(String path) {
        return http.get(path);
    }

    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return http.send(method, path, body, headers);
    }

    public JsonNode createQr(Session session, String body) {
        return ok(post(session, "/pos/api/v2/qr", body)).get("qrInfo");
    }

    /** The sandbox payer pays the code. */
    public JsonNode pay(String qrText, String amount) {
        return ok(postPublic("/pos/sandbox/pay", "{\"qrText\":" + json.writeValueAsString(qrText)
                + (amount == null ? "" : ",\"amount\":" + amount) + "}"));
    }

    public static Map<String, String> bearer(Session session) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + session.accessToken());
        return headers;
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
}
