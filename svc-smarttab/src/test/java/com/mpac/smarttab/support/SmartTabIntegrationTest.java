package com.mpac.smarttab.support;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mpac.contracts.id.Ids;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SmartTab booted on a real PostgreSQL (test-support's TestDatabase), with the portal's key sets and mpac-pgw played
 * by stub HTTP servers. Every test works in tenants of its own (fresh merchant and store ids), so tests sharing the
 * context and database never see each other's rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SmartTabIntegrationTest {

    protected static final PortalStub PORTAL = new PortalStub();
    protected static final GatewayStub GATEWAY = new GatewayStub();

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("mpac.jwt.human.jwks-uri", () -> PORTAL.baseUrl() + "/api/v1/jwks/human");
        registry.add("mpac.jwt.device.jwks-uri", () -> PORTAL.baseUrl() + "/api/v1/jwks/device");
        registry.add("mpac.smarttab.gateway.url", GATEWAY::baseUrl);
        registry.add("mpac.smarttab.gateway.webhook-secrets", () -> GatewayStub.WEBHOOK_SECRET);
        registry.add("mpac.smarttab.gateway.poll-interval", () -> "300ms");
        registry.add("mpac.smarttab.gateway.poll-after", () -> "1s");
        registry.add("mpac.smarttab.gateway.confirm-resend-after", () -> "1s");
        registry.add("mpac.smarttab.gateway.confirm-deadline", () -> "4s");
        registry.add("mpac.smarttab.gateway.unsent-after", () -> "3s");
        registry.add("mpac.smarttab.gateway.refund-lease", () -> "1s");
    }

    /** A merchant with one store and one terminal, fresh for each test. */
    protected record Tenant(String merchantId, String storeId, String terminalId, String device, String cashier,
            String manager, String merchantAdmin) {
    }

    protected Tenant newTenant() {
        String merchant = Ids.next("mer");
        String store = Ids.next("sto");
        String terminal = Ids.next("trm");
        return new Tenant(merchant, store, terminal, PORTAL.device(terminal, merchant, store),
                PORTAL.human("CASHIER", merchant, store), PORTAL.human("STORE_MANAGER", merchant, store),
                PORTAL.human("MERCHANT_ADMIN", merchant, null));
    }

    protected TestHttp http() {
        return TestHttp.localhost(port);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A POST with a fresh Idempotency-Key. */
    protected HttpResponse<String> post(String path, String body, String token) {
        return post(path, body, token, UUID.randomUUID().toString());
    }

    protected HttpResponse<String> post(String path, String body, String token, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return http().send("POST", path, body, headers);
    }

    protected HttpResponse<String> patch(String path, String body, String token) {
        return http().send("PATCH", path, body, Map.of("Authorization", "Bearer " + token));
    }

    protected HttpResponse<String> get(String path, String token) {
        return http().get(path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The body of a response that must have {@code status}. */
    protected static JsonNode expect(HttpResponse<String> response, int status) {
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    protected static BigDecimal decimal(JsonNode node) {
        return node.decimalValue();
    }

    /** An order of three items, 3000 JPY in all, in the tenant's store. */
    protected String jpyOrder(Tenant tenant) {
        return expect(post("/orders", """
                {"currency":"JPY","items":[
                  {"name":"Ramen","sku":"R1","quantity":2,"unit_price":1000},
                  {"name":"Gyoza","quantity":1,"unit_price":600},
                  {"name":"Tea","quantity":1,"unit_price":400}]}
                """, tenant.device()), 201).path("id").asString();
    }

    protected String billOf(Tenant tenant, String orderId) {
        return expect(post("/bills", "{\"order_id\":\"" + orderId + "\"}", tenant.device()), 201).path("id")
                .asString();
    }
}
