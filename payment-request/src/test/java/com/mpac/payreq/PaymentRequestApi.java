package com.mpac.payreq;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.ApiUser;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

/**
 * What svc-portal and a merchant integration do against the service in tests: onboard a merchant with a Magensa
 * customer code and an API user through the configuration push (the password travels only as a {bcrypt} hash, as
 * the portal sends it), then call the API with Basic {@code CustomerCode/Username:Password}.
 */
public final class PaymentRequestApi {

    public static final String PASSWORD = "Str0ng-api-user-password";
    /** One slow hash per test JVM, as svc-portal's DelegatingPasswordEncoder writes it. */
    private static final String PASSWORD_HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);

    public static final String EXAMPLE_BODY = """
            {
                "transactionType": 1,
                "customerTranID": "123456",
                "customerTranRef": "Reference",
                "amount": 100.0,
                "taxAmount": 5.0,
                "taxPercent": 5.0,
                "additionalInfo": [],
                "miscData": "Sample data",
                "processorName": "Processor_1",
                "promptForTax": true,
                "promptForTips": true,
                "termsAndTransactionInfo": "Terms and conditions",
                "usageCountLimit": 0,
                "isEnabled": true,
                "activationDate": "2024-01-01T00:00:00Z",
                "expirationDate": "2048-12-31T23:59:59Z"
            }""";

    private final TestHttp http;
    private final JsonMapper json;
    private final int port;

    public PaymentRequestApi(int port, JsonMapper json) {
        this.port = port;
        this.http = TestHttp.localhost(port);
        this.json = json.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    public TestHttp http() {
        return http;
    }

    public int port() {
        return port;
    }

    public record Merchant(String id, String customerCode, String username, String password) {

        public String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((customerCode + "/" + username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        public Merchant withPassword(String other) {
            return new Merchant(id, customerCode, username, other);
        }
    }

    public Merchant onboard() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Merchant merchant = new Merchant("m_" + suffix, "CC" + suffix.toUpperCase(), "api_" + suffix, PASSWORD);
        HttpResponse<String> response = sync(configuration(merchant, 1, MerchantStatus.ACTIVE, true));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Onboarding failed: " + response.body());
        }
        return merchant;
    }

    public MerchantConfiguration configuration(Merchant merchant, long version, MerchantStatus status,
            boolean magensaEnabled) {
        return new MerchantConfiguration(merchant.id(), version, "psp_test", "Cafe " + merchant.id(), status,
                List.of(new ProviderAccount(Provider.MAGENSA, magensaEnabled,
                        Map.of("customer_code", merchant.customerCode()), Map.of())),
                List.of(), List.of(), List.of(),
                List.of(new ApiUser("au_" + merchant.id(), Provider.MAGENSA, merchant.username(), PASSWORD_HASH,
                        Status.ACTIVE)));
    }

    public HttpResponse<String> sync(MerchantConfiguration configuration) {
        String body = json.writeValueAsString(configuration);
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        return http.post(MerchantConfiguration.PATH, body, portal.headers("POST",
                URI.create(MerchantConfiguration.PATH), body.getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> get(Merchant merchant, String pathAndQuery) {
        return http.get(pathAndQuery, Map.of("Authorization", merchant.authorization()));
    }

    public HttpResponse<String> post(Merchant merchant, String body) {
        return http.post("/api/PaymentRequest", body, Map.of("Authorization", merchant.authorization()));
    }

    public HttpResponse<String> put(Merchant merchant, String id, String body) {
        return http.send("PUT", "/api/PaymentRequest/" + id, body, Map.of("Authorization", merchant.authorization()));
    }

    /** A request created from the seed's example body with these fields replaced. */
    public JsonNode create(Merchant merchant, Map<String, Object> changes) {
        return ok(post(merchant, body(changes)));
    }

    public String body(Map<String, Object> changes) {
        var node = (tools.jackson.databind.node.ObjectNode) json.readTree(EXAMPLE_BODY);
        changes.forEach((field, value) -> node.set(field, json.valueToTree(value)));
        return json.writeValueAsString(node);
    }

    public JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("Expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** The hosted page's form post, as a browser sends it. */
    public HttpResponse<String> pay(String paymentRequestId, Map<String, String> form) {
        return http.postForm("/pay/" + paymentRequestId, form, Map.of());
    }

    public static Map<String, String> card(String number, String tip) {
        return Map.of("method", "card", "cardNumber", number, "expiry", "12/30", "cvv",
                number.startsWith("37") ? "1234" : "123", "tipAmount", tip);
    }
}
