package com.mpac.portal.credential;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CredentialVerifyIntegrationTests {

    static final String PATH = "/api/v1/s2s/credentials/verify";
    static final String PASSWORD = "seller passphrase 42";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    TokenSigner signer;

    @Autowired
    PasswordEncoder passwordEncoder;

    RegistryFixtures fixtures;
    /** Each test is its own end user, so the caller's budget of one test does not spill into another's. */
    String clientAddress;

    @BeforeEach
    void setUp() {
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        clientAddress = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    @Test
    void shouldAnswerWhoAnActiveStoreUserIsAndTheirStoreRoles() {
        Tree tree = fixtures.tree();
        String email = RegistryFixtures.unique("seller") + "@example.com";
        String userId = user(email, tree, "CASHIER", "STORE_MANAGER");

        HttpResponse<String> answer = verify("mia-pos-gateway", body(email.toUpperCase(), PASSWORD, tree.storeId()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode user = JSON.readTree(answer.body());
        assertThat(user.get("userId").asString()).isEqualTo(userId);
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("storeId").asString()).isEqualTo(tree.storeId());
        assertThat(user.get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(user.get("pspId").asString()).isEqualTo(tree.pspId());
        assertThat(user.get("roles").toString()).isEqualTo("[\"CASHIER\",\"STORE_MANAGER\"]");
        assertThat(answer.body()).doesNotContain("bcrypt").doesNotContainIgnoringCase("hash")
                .doesNotContain(PASSWORD);
        assertThat(verify("mia-pos-gateway", body(email, PASSWORD, null)).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id").param("id", userId)
                .query(String.class).list()).containsOnly("credential_check.succeeded");
    }

    @Test
    void shouldGiveTheSameAnswerForEveryKindOfRefusal() {
        Tree tree = fixtures.tree();
        Tree closedStore = fixtures.tree();
        jdbc.sql("UPDATE store SET status = 'DISABLED' WHERE store_id = :id").param("id", closedStore.storeId())
                .update();
        String cashier = RegistryFixtures.unique("c") + "@example.com";
        user(cashier, tree, "CASHIER");
        String disabled = RegistryFixtures.unique("d") + "@example.com";
        jdbc.sql("UPDATE app_user SET status = 'DISABLED' WHERE user_id = :id")
                .param("id", user(disabled, tree, "CASHIER")).update();
        String merchantAdmin = RegistryFixtures.unique("m") + "@example.com";
        merchantLevelUser(merchantAdmin, tree);
        String inClosedStore = RegistryFixtures.unique("s") + "@example.com";
        user(inClosedStore, closedStore, "STORE_MANAGER");

        List<String> refusals = List.of(
                body(cashier, "wrong passphrase 1", null),
                body(RegistryFixtures.unique("nobody") + "@example.com", PASSWORD, null),
                body(disabled, PASSWORD, null),
                body(merchantAdmin, PASSWORD, null),
                body(cashier, PASSWORD, fixtures.store(tree.merchantId())),
                body(inClosedStore, PASSWORD, null));

        String first = null;
        for (String body : refusals) {
            HttpResponse<String> answer = verify("mia-pos-gateway", body);

            assertThat(answer.statusCode()).as(body).isEqualTo(401);
            assertThat(answer.body()).contains("\"code\":\"invalid_credentials\"");
            first = first == null ? answer.body() : first;
            assertThat(answer.body()).as(body).isEqualTo(first);
        }
    }

    @Test
    void shouldThrottleGuessesAtOneAccountLikeLogin() {
        Tree tree = fixtures.tree();
        String email = RegistryFixtures.unique("t") + "@example.com";
        user(email, tree, "CASHIER");

        int unauthorized = 0;
        HttpResponse<String> answer = null;
        for (int i = 0; i < 10; i++) {
            answer = verify("mia-pos-gateway", body(email, "wrong passphrase " + i, null));
            if (answer.statusCode() != 401) {
                break;
            }
            unauthorized++;
        }

        assertThat(unauthorized).isEqualTo(4);
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isPositive();
        HttpResponse<String> rightButLocked = verify("mia-pos-gateway", body(email, PASSWORD, null));
        assertThat(rightButLocked.statusCode()).isEqualTo(429);
        assertThat(rightButLocked.body()).doesNotContain("userId");
    }

    @Test
    void shouldThrottleOneCallersGuessesAcrossAccounts() {
        int refused = 0;
        HttpResponse<String> answer = null;
        for (int i = 0; i < 40; i++) {
            answer = verify("mia-pos-gateway", body(RegistryFixtures.unique("g") + "@example.com", PASSWORD, null));
            if (answer.statusCode() != 401) {
                break;
            }
            refused++;
        }

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(refused).isBetween(1, 30);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void shouldAcceptOnlyAllowListedPlatformServices() {
        Tree tree = fixtures.tree();
        String email = RegistryFixtures.unique("a") + "@example.com";
        user(email, tree, "CASHIER");
        String body = body(email, PASSWORD, null);

        assertThat(verify("svc-smarttab", body).statusCode()).isEqualTo(403);
        assertThat(verify("mpac-pgw", body).statusCode()).isEqualTo(403);
        HttpResponse<String> unsigned = TestHttp.localhost(port).post(PATH, body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        HttpResponse<String> bearer = TestHttp.localhost(port).post(PATH, body,
                Map.of("Authorization", fixtures.platformAdmin()));
        assertThat(bearer.statusCode()).isEqualTo(401);
        Map<String, String> tampered = new HashMap<>(headers("mia-pos-gateway", body));
        HttpResponse<String> changedBody = TestHttp.localhost(port).post(PATH, body.replace(PASSWORD, "other pass"),
                tampered);
        assertThat(changedBody.statusCode()).isEqualTo(401);
        assertThat(verify("mia-pos-gateway", body).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseBadInput() {
        for (String body : List.of("{\"email\":", json("password", PASSWORD), json("email", "a@b.c"),
                json("email", "a@b.c", "password", PASSWORD, "role", "PLATFORM_ADMIN"),
                json("email", "a@b.c", "password", PASSWORD, "clientAddress", "not an address"),
                json("email", "x".repeat(321), "password", PASSWORD), json("email", 5, "password", PASSWORD))) {
            HttpResponse<String> answer = verify("mia-pos-gateway", body);

            assertThat(answer.statusCode()).as(body).isEqualTo(400);
        }
    }

    private String body(String email, String password, String storeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("clientAddress", clientAddress);
        if (storeId != null) {
            body.put("storeId", storeId);
        }
        return JSON.writeValueAsString(body);
    }

    private HttpResponse<String> verify(String service, String body) {
        return TestHttp.localhost(port).post(PATH, body, headers(service, body));
    }

    private Map<String, String> headers(String service, String body) {
        HmacSigner signer = new HmacSigner(TestPlatformKeys.keyId(service), TestPlatformKeys.secret(service),
                Clock.systemUTC());
        return signer.headers("POST", URI.create("http://localhost:" + port + PATH),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String user(String email, Tree tree, String... roles) {
        String id = RegistryFixtures.unique("usr");
        jdbc.sql("""
                INSERT INTO app_user (user_id, email, password_hash, status, psp_id, merchant_id, store_id)
                VALUES (:id, :email, :hash, 'ACTIVE', :psp, :merchant, :store)
                """)
                .param("id", id).param("email", email).param("hash", passwordEncoder.encode(PASSWORD))
                .param("psp", tree.pspId()).param("merchant", tree.merchantId()).param("store", tree.storeId())
                .update();
        for (String role : roles) {
            jdbc.sql("INSERT INTO role_assignment (user_id, role) VALUES (:id, :role)").param("id", id)
                    .param("role", role).update();
        }
        return id;
    }

    private void merchantLevelUser(String email, Tree tree) {
        String id = RegistryFixtures.unique("usr");
        jdbc.sql("""
                INSERT INTO app_user (user_id, email, password_hash, status, psp_id, merchant_id)
                VALUES (:id, :email, :hash, 'ACTIVE', :psp, :merchant)
                """)
                .param("id", id).param("email", email).param("hash", passwordEncoder.encode(PASSWORD))
                .param("psp", tree.pspId()).param("merchant", tree.merchantId()).update();
        jdbc.sql("INSERT INTO role_assignment (user_id, role) VALUES (:id, 'MERCHANT_ADMIN')").param("id", id)
                .update();
    }
}
