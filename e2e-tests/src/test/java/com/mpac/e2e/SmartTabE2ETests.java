package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SmartTab as a new user tries it, on the whole platform started by the launcher: a terminal provisioned in the
 * portal takes its device token, opens a settlement, takes an order, changes it, bills it, splits the bill three
 * ways, pays one part in cash, one by SANDBOX card and one by QR through mpac-pgw (the shopper scanning it in the
 * gateway's sandbox), refunds part of the card payment, closes the settlement and reads totals that match the
 * gateway's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartTabE2ETests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private LocalPlatform platform;
    private TestHttp portal;
    private TestHttp smartTab;
    private TestHttp pgw;

    @BeforeAll
    void startPlatform() throws IOException {
        platform = LocalPlatform.start(Path.of(System.getProperty("mpac.root", "..")).toAbsolutePath().normalize());
        platform.awaitReady(Duration.ofMinutes(6));
        portal = new TestHttp(platform.url("svc-portal"));
        smartTab = new TestHttp(platform.url("svc-smarttab"));
        pgw = new TestHttp(platform.url("mpac-pgw"));
    }

    @AfterAll
    void stopPlatform() throws InterruptedException, IOException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldRunATillFromOrderToClosedSettlementMatchingTheGateway() throws Exception {
        Terminal terminal = provisionTerminal();
        String device = terminal.token();

        String settlement = call("POST", "/settlements", "{}", device, 201).path("id").asString();
        JsonNode order = call("POST", "/orders", """
                {"currency":"JPY","items":[{"name":"Ramen","quantity":2,"unit_price":1200,"tax_rate":10},
                  {"name":"Tea","quantity":1,"unit_price":300,"tax_rate":10}]}
                """, device, 201);
        String orderId = order.path("id").asString();
        String tea = order.path("items").get(1).path("id").asString();
        JsonNode changed = call("PATCH", "/orders/" + orderId, "{\"add_items\":[{\"name\":\"Gyoza\",\"quantity\":1,"
                + "\"unit_price\":500,\"tax_rate\":10}],\"update_items\":[{\"id\":\"" + tea + "\",\"quantity\":2}]}",
                device, 200);
        // (2 x 1200 + 2 x 300 + 500) = 3500, plus 10 % tax = 3850.
        assertThat(changed.path("total").toString()).isEqualTo("3850");
        String bill = call("POST", "/bills", "{\"order_id\":\"" + orderId + "\"}", device, 201).path("id").asString();
        JsonNode parts = call("POST", "/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":3}", device, 201)
                .path("parts");
        assertThat(parts.get(0).path("total").toString()).isEqualTo("1284");
        assertThat(parts.get(1).path("total").toString()).isEqualTo("1283");

        JsonNode cash = call("POST", "/payments", "{\"bill_id\":\"" + parts.get(0).path("id").asString()
                + "\",\"method\":\"cash\",\"tendered\":2000}", device, 201);
        JsonNode card = call("POST", "/payments", "{\"bill_id\":\"" + parts.get(1).path("id").asString()
                + "\",\"method\":\"card\",\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\",\"tip\":200}",
                device, 201);
        JsonNode qr = call("POST", "/payments", "{\"bill_id\":\"" + parts.get(2).path("id").asString()
                + "\",\"method\":\"qr\",\"provider\":\"sandbox\",\"payment_method\":\"pm_qr\"}", device, 201);
        assertThat(cash.path("change").toString()).isEqualTo("716");
        assertThat(card.path("status").asString()).as(card.toString()).isEqualTo("SUCCEEDED");
        assertThat(qr.path("status").asString()).as(qr.toString()).isEqualTo("PENDING");
        assertThat(qr.path("qr").path("image_png").asString()).startsWith("data:image/png;base64,");

        HttpResponse<String> scan = pgw.post("/v1/sandbox/qr/scan", "{\"qr_data\":\""
                + qr.path("qr").path("data").asString() + "\",\"result\":\"pay\"}", Map.of());
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        // The gateway's signed webhook reaches SmartTab's platform subscription and moves the payment.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(smartTabWebhooks()).isPositive());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(call("GET", "/payments/"
                + qr.path("id").asString(), null, device, 200).path("status").asString()).isEqualTo("SUCCEEDED"));
        assertThat(call("GET", "/bills/" + bill, null, device, 200).path("status").asString()).isEqualTo("SPLIT");
        assertThat(call("GET", "/orders/" + orderId, null, device, 200).path("status").asString()).isEqualTo("PAID");

        JsonNode refund = call("POST", "/payments/" + card.path("id").asString() + "/refund",
                "{\"amount\":500,\"reason\":\"one dish was cold\"}", device, 201);
        assertThat(refund.path("status").asString()).isEqualTo("SUCCEEDED");

        JsonNode closed = call("POST", "/settlements/" + settlement + "/close", null, device, 200);

        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.path("balanced").asBoolean()).as(closed.toString()).isTrue();
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode line : closed.path("totals")) {
            net = net.add(line.path("net").decimalValue());
        }
        // 3850 paid + 200 tip - 500 refunded.
        assertThat(net).isEqualByComparingTo("3550");
        long[] gateway = gatewayTotals(terminal);
        JsonNode reconciliation = closed.path("reconciliation").get(0);
        assertThat(reconciliation.path("provider").asString()).isEqualTo("sandbox");
        assertThat(reconciliation.path("gateway_captured").decimalValue()).isEqualByComparingTo(
                BigDecimal.valueOf(gateway[0])).isEqualByComparingTo(reconciliation.path("smarttab_captured")
                        .decimalValue());
        assertThat(reconciliation.path("gateway_refunded").decimalValue()).isEqualByComparingTo(
                BigDecimal.valueOf(gateway[1])).isEqualByComparingTo("500");
        assertThat(gateway[0]).isEqualTo(1283 + 200 + 1283);
    }

    private record Terminal(String merchantId, String storeId, String terminalId, String token) {
    }

    /** The portal walkthrough: platform admin, PSP, merchant, store, terminal, activation, device token. */
    private Terminal provisionTerminal() throws Exception {
        JsonNode login = portalCall("/api/v1/auth/user/login", "{\"email\":\"" + platform.setting("MPAC_ADMIN_EMAIL")
                + "\",\"password\":\"" + platform.setting("MPAC_ADMIN_PASSWORD") + "\"}", null);
        String admin = login.path("accessToken").asString();
        String psp = portalCall("/api/v1/psps", "{\"name\":\"SmartTab E2E PSP\"}", admin).path("id").asString();
        String merchant = portalCall("/api/v1/merchants", "{\"pspId\":\"" + psp + "\",\"name\":\"Ramen Bar\","
                + "\"contactPhone\":\"+37360000000\",\"enabledProviders\":[\"MIA_POS\"],"
                + "\"miaIdno\":\"1003600000000\"}", admin).path("id").asString();
        String store = portalCall("/api/v1/stores", "{\"merchantId\":\"" + merchant + "\",\"name\":\"Centre\","
                + "\"address\":{\"line1\":\"Str. Stefan cel Mare 1\",\"city\":\"Chisinau\",\"postalCode\":\"MD-2001\","
                + "\"country\":\"MD\"},\"timezone\":\"Europe/Chisinau\"}", admin).path("id").asString();
        String terminal = portalCall("/api/v1/terminals", "{\"storeId\":\"" + store + "\",\"name\":\"Till 1\"}",
                admin).path("id").asString();
        String code = portalCall("/api/v1/device/provision/generateActivationCode", "{\"terminalId\":\"" + terminal
                + "\"}", admin).path("activationCode").asString();
        JsonNode credentials = portalCall("/api/v1/device/provision/activate", "{\"activationCode\":\"" + code
                + "\",\"serialNumber\":\"SN-E2E-1\",\"model\":\"PAX A920\",\"appVersion\":\"1.0.0\"}", null);
        String basic = Base64.getEncoder().encodeToString((credentials.path("clientId").asString() + ":"
                + credentials.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = portal.postForm("/api/v1/auth/device/token",
                Map.of("grant_type", "client_credentials"), Map.of("Authorization", "Basic " + basic));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        // The portal pushes the merchant, its store and the activated terminal to the gateway from its outbox.
        await().atMost(Duration.ofSeconds(60)).until(() -> activeAtGateway(terminal));
        return new Terminal(merchant, store, terminal, JSON.readTree(token.body()).path("access_token").asString());
    }

    private JsonNode portalCall(String path, String body, String token) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        // As the portal walkthrough does: no Idempotency-Key (routes answering a secret shown once refuse one).
        HttpResponse<String> response = portal.post(path, body, headers);
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private JsonNode call(String method, String path, String body, String token, int status) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        if (method.equals("POST")) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = smartTab.send(method, path, body, headers);
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** What the gateway itself holds for the terminal: captured and refunded, summed over its intents. */
    private long[] gatewayTotals(Terminal terminal) throws IOException {
        PlatformKeys keys = PlatformKeys.parse(platform.setting("MPAC_PLATFORM_KEYS"));
        HmacSigner signer = new HmacSigner(keys.keyOf("svc-smarttab").orElseThrow(), Clock.systemUTC());
        String path = "/v1/payment_intents?limit=100&store_id=" + terminal.storeId() + "&terminal_id="
                + terminal.terminalId();
        Map<String, String> headers = new HashMap<>(signer.headers("GET",
                URI.create(platform.url("mpac-pgw") + path), new byte[0]));
        headers.put(HmacHeaders.ON_BEHALF_OF, terminal.merchantId());
        HttpResponse<String> list = pgw.get(path, headers);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        long captured = 0;
        long refunded = 0;
        for (JsonNode intent : JSON.readTree(list.body()).path("data")) {
            captured += intent.path("amount_received").asLong();
            refunded += intent.path("amount_refunded").asLong();
        }
        return new long[] { captured, refunded };
    }

    private boolean activeAtGateway(String terminalId) throws SQLException, IOException {
        return count("pgw", "SELECT count(*) FROM pgw.terminal WHERE terminal_id = ? AND status = 'ACTIVE'",
                terminalId) == 1;
    }

    private long smartTabWebhooks() throws SQLException, IOException {
        return count("smarttab", "SELECT count(*) FROM smarttab.gateway_webhook WHERE event_type LIKE ?", "%");
    }

    private long count(String role, String sql, String parameter) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), role,
                platform.setting("MPAC_DB_PASSWORD_" + role.toUpperCase()));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
