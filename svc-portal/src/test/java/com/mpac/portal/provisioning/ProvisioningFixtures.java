package com.mpac.portal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.portal.signing.HumanTokens;
import com.mpac.testsupport.TestHttp;
import com.mpac.portal.support.PortalTestTokens;

/**
 * What the provisioning and device token tests share: tenant rows inserted with SQL under unique ids, an HTTP client
 * that sends exactly what it is given (bearer, Basic, form or JSON), and the provisioning steps as a terminal and its
 * admin perform them over HTTP.
 */
public final class ProvisioningFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** A terminal and the tree above it. */
    public record Place(String pspId, String merchantId, String storeId, String terminalId) {
    }

    /** What an activation answered. */
    public record Credentials(String terminalId, String clientId, String clientSecret, String tokenEndpoint) {
    }

    private final JdbcClient jdbc;
    private final PortalTestTokens tokens;
    private final TestHttp http;

    public ProvisioningFixtures(JdbcClient jdbc, HumanTokens humanTokens, int port) {
        this.jdbc = jdbc;
        this.tokens = new PortalTestTokens(humanTokens);
        this.http = TestHttp.localhost(port);
    }

    public PortalTestTokens tokens() {
        return tokens;
    }

    /** A new PSP, merchant, store and PENDING terminal. */
    public Place newTerminal() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String psp = "psp_t" + suffix;
        String merchant = "mer_t" + suffix;
        String store = "sto_t" + suffix;
        jdbc.sql("INSERT INTO psp (psp_id, name, status) VALUES (:id, 'Test PSP', 'ACTIVE')").param("id", psp).update();
        jdbc.sql("""
                INSERT INTO merchant (merchant_id, psp_id, name, status) VALUES (:id, :psp, 'Test merchant', 'ACTIVE')
                """)
                .param("id", merchant).param("psp", psp).update();
        jdbc.sql("""
                INSERT INTO store (store_id, merchant_id, name, status) VALUES (:id, :merchant, 'Test store', 'ACTIVE')
                """)
                .param("id", store).param("merchant", merchant).update();
        return anotherTerminal(new Place(psp, merchant, store, null));
    }

    /** Another PENDING terminal in the same store. */
    public Place anotherTerminal(Place place) {
        String terminal = "ter_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        jdbc.sql("""
                INSERT INTO terminal (terminal_id, store_id, merchant_id, status)
                VALUES (:id, :store, :merchant, 'PENDING')
                """)
                .param("id", terminal).param("store", place.storeId()).param("merchant", place.merchantId()).update();
        return new Place(place.pspId(), place.merchantId(), place.storeId(), terminal);
    }

    /** Another store (and a PENDING terminal in it) under the same merchant. */
    public Place anotherStore(Place place) {
        String store = "sto_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        jdbc.sql("""
                INSERT INTO store (store_id, merchant_id, name, status) VALUES (:id, :merchant, 'Other store', 'ACTIVE')
                """)
                .param("id", store).param("merchant", place.merchantId()).update();
        return anotherTerminal(new Place(place.pspId(), place.merchantId(), store, null));
    }

    public String merchantAdmin(Place place) {
        return tokens.merchantAdmin("usr_madm_" + place.merchantId(), place.pspId(), place.merchantId());
    }

    public String storeUser(Place place, String role) {
        return tokens.storeUser("usr_" + role.toLowerCase() + "_" + place.storeId(), role, place.pspId(),
                place.merchantId(), place.storeId());
    }

    public String terminalStatus(String terminalId) {
        return jdbc.sql("SELECT status FROM terminal WHERE terminal_id = :id").param("id", terminalId)
                .query(String.class).single();
    }

    /** Clears the activation throttle, so one test's wrong codes from localhost do not lock out the next test. */
    public void resetActivationThrottle() {
        jdbc.sql("DELETE FROM throttle_bucket WHERE bucket_key LIKE 'activation:%'").update();
    }

    /** An admin generates a code over HTTP; answers it as displayed. */
    public String generateCode(Place place) {
        HttpResponse<String> response = postJson("/api/v1/device/provision/generateActivationCode",
                "{\"terminalId\":\"" + place.terminalId() + "\"}", Map.of("Authorization", merchantAdmin(place)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("activationCode").asString();
    }

    public HttpResponse<String> activate(String code, String serialNumber) {
        return postJson("/api/v1/device/provision/activate", """
                {"activationCode":"%s","serialNumber":"%s","model":"A920 Pro","appVersion":"3.4.1"}
                """.formatted(code, serialNumber), Map.of());
    }

    /** A new terminal, activated over HTTP as an admin and the terminal would. */
    public Credentials activatedTerminal(Place place) {
        HttpResponse<String> response = activate(generateCode(place), "SN-" + UUID.randomUUID());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        return new Credentials(body.get("terminalId").asString(), body.get("clientId").asString(),
                body.get("clientSecret").asString(), body.get("tokenEndpoint").asString());
    }

    /** client_secret_basic (RFC 6749 2.3.1: both parts form-urlencoded before Base64). */
    public HttpResponse<String> tokenWithBasic(String clientId, String secret, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret))
                .getBytes(StandardCharsets.UTF_8));
        return postForm("/api/v1/auth/device/token", form, Map.of("Authorization", "Basic " + basic));
    }

    public HttpResponse<String> tokenWithPost(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return postForm("/api/v1/auth/device/token", form, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        return http.get(path, headers);
    }

    public HttpResponse<String> postJson(String path, String body, Map<String, String> headers) {
        return http.post(path, body, headers);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers) {
        return http.postForm(path, form, headers);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static Map<String, String> clientCredentials() {
        return Map.of("grant_type", "client_credentials");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
