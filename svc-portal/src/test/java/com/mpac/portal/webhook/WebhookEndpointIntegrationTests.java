package com.mpac.portal.webhook;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.portal.registry.ConfigPushes;
import com.mpac.portal.registry.PortalApi;
import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookEndpointIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    TokenSigner signer;

    PortalApi api;
    RegistryFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
    }

    private static String endpoints(Tree tree) {
        return "/api/v1/merchants/" + tree.merchantId() + "/webhook-endpoints";
    }

    private static String validBody() {
        return json("url", "https://shop.example/hooks/mpac", "description", "Order service",
                "events", List.of("payment_intent.succeeded", "refund.*"));
    }

    @Test
    void shouldShowTheSecretOnceStoreItEncryptedAndPushIt() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        long versionBefore = version(tree);

        Answer created = api.post(endpoints(tree), admin, validBody());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode endpoint = created.json();
        String id = endpoint.get("id").asString();
        String secret = endpoint.get("secret").asString();
        assertThat(id).matches("we_[0-9a-z]{24}");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(endpoint.get("url").asString()).isEqualTo("https://shop.example/hooks/mpac");
        assertThat(endpoint.get("description").asString()).isEqualTo("Order service");
        assertThat(strings(endpoint.get("events"))).containsExactly("payment_intent.succeeded", "refund.*");
        assertThat(endpoint.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(endpoint.get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("Location")).isEqualTo(endpoints(tree) + "/" + id);

        String stored = jdbc.sql("SELECT secret FROM merchant_webhook_endpoint WHERE endpoint_id = :id")
                .param("id", id).query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(secret.substring(6)).doesNotContain(secret);

        Answer list = api.get(endpoints(tree), admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret.substring(6)).doesNotContain(stored).doesNotContain("secret");
        assertThat(list.json().get("data").get(0).get("id").asString()).isEqualTo(id);
        Answer one = api.get(endpoints(tree) + "/" + id, admin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("url").asString()).isEqualTo("https://shop.example/hooks/mpac");
        assertThat(one.body()).doesNotContain(secret.substring(6)).doesNotContain("secret");

        assertThat(version(tree)).isEqualTo(versionBefore + 1);
        JsonNode pushed = ConfigPushes.latest(jdbc, tree.merchantId()).get("webhook_endpoints");
        assertThat(pushed.size()).isEqualTo(1);
        assertThat(pushed.get(0).get("endpoint_id").asString()).isEqualTo(id);
        assertThat(pushed.get(0).get("url").asString()).isEqualTo("https://shop.example/hooks/mpac");
        assertThat(pushed.get(0).get("secret").asString()).isEqualTo(secret);
        assertThat(strings(pushed.get(0).get("events"))).containsExactly("payment_intent.succeeded", "refund.*");
        assertThat(pushed.get(0).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(auditTypes(id)).containsExactly("webhook_endpoint.created");
        assertThat(jdbc.sql("SELECT details::text FROM audit_event WHERE subject_id = :id").param("id", id)
                .query(String.class).single()).doesNotContain(secret.substring(6));
    }

    @Test
    void shouldUpdateRotateAndDeleteAndPushEachChange() {
        Tree tree = fixtures.tree();
        String admin = fixtures.pspAdmin(tree);
        JsonNode created = api.post(endpoints(tree), admin, validBody()).json();
        String id = created.get("id").asString();
        String firstSecret = created.get("secret").asString();

        Answer updated = api.patch(endpoints(tree) + "/" + id, admin, json("url", "http://shop.example/v2",
                "events", List.of("*"), "status", "DISABLED", "description", ""));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("url").asString()).isEqualTo("http://shop.example/v2");
        assertThat(strings(updated.json().get("events"))).containsExactly("*");
        assertThat(updated.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(updated.json().get("description").isNull()).isTrue();
        JsonNode pushed = ConfigPushes.latest(jdbc, tree.merchantId()).get("webhook_endpoints").get(0);
        assertThat(pushed.get("url").asString()).isEqualTo("http://shop.example/v2");
        assertThat(pushed.get("status").asString()).isEqualTo("DISABLED");
        assertThat(strings(pushed.get("events"))).containsExactly("*");
        long afterUpdate = version(tree);
        assertThat(api.patch(endpoints(tree) + "/" + id, admin, json("status", "DISABLED")).status()).isEqualTo(200);
        assertThat(version(tree)).as("an unchanged endpoint is not pushed again").isEqualTo(afterUpdate);

        Answer rotated = api.post(endpoints(tree) + "/" + id + "/rotate-secret", admin, null);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(firstSecret);
        assertThat(rotated.header("Cache-Control")).contains("no-store");
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).get("webhook_endpoints").get(0).get("secret")
                .asString()).isEqualTo(newSecret);

        Answer deleted = api.delete(endpoints(tree) + "/" + id, admin);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(endpoints(tree) + "/" + id, admin).status()).isEqualTo(404);
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).get("webhook_endpoints").size()).isZero();
        assertThat(auditTypes(id)).containsExactly("webhook_endpoint.created", "webhook_endpoint.updated",
                "webhook_endpoint.secret_rotated", "webhook_endpoint.deleted");
        assertThat(api.delete(endpoints(tree) + "/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void shouldListByStatusAndPage() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        String first = api.post(endpoints(tree), admin, validBody()).json().get("id").asString();
        String second = api.post(endpoints(tree), admin, json("url", "https://b.example", "events", List.of("*"),
                "status", "DISABLED")).json().get("id").asString();

        assertThat(ids(api.get(endpoints(tree) + "?status=ACTIVE", admin))).containsExactly(first);
        assertThat(ids(api.get(endpoints(tree) + "?status=DISABLED", admin))).containsExactly(second);
        Answer page = api.get(endpoints(tree) + "?limit=1", admin);
        assertThat(page.json().get("hasMore").asBoolean()).isTrue();
        String cursor = page.json().get("nextCursor").asString();
        assertThat(ids(api.get(endpoints(tree) + "?limit=1&startingAfter=" + cursor, admin))).hasSize(1)
                .doesNotContain(cursor);
    }

    @Test
    void shouldKeepAtMostTwentyEndpointsPerMerchant() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        for (int i = 0; i < WebhookEndpointService.MAX_PER_MERCHANT; i++) {
            assertThat(api.post(endpoints(tree), admin, validBody()).status()).isEqualTo(201);
        }

        Answer tooMany = api.post(endpoints(tree), admin, validBody());

        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("limit_reached");
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).get("webhook_endpoints").size()).isEqualTo(20);
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        long versionBefore = version(tree);
        List<String> bodies = List.of("{\"url\":", "[]", "{}",
                json("url", "ftp://shop.example", "events", List.of("*")),
                json("url", "shop.example/hooks", "events", List.of("*")),
                json("url", "https://user:pw@shop.example/hooks", "events", List.of("*")),
                json("url", "https://shop.example/" + "x".repeat(2040), "events", List.of("*")),
                json("url", "https://shop.example", "events", List.of()),
                json("url", "https://shop.example"),
                json("url", "https://shop.example", "events", List.of("Payment Intent")),
                json("url", "https://shop.example", "events", List.of("a,b")),
                json("url", "https://shop.example", "events", List.of("a." + "b".repeat(100))),
                json("url", "https://shop.example", "events", java.util.Collections.nCopies(51, "refund.*")),
                json("url", "https://shop.example", "events", "refund.*"),
                json("url", "https://shop.example", "events", List.of("*"), "status", "LOST"),
                json("url", "https://shop.example", "events", List.of("*"), "secret", "whsec_mine"),
                json("url", "https://shop.example", "events", List.of("*"), "description", "d".repeat(501)));
        for (String body : bodies) {
            Answer answer = api.post(endpoints(tree), admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
        }
        assertThat(count(tree)).isZero();
        assertThat(version(tree)).isEqualTo(versionBefore);
        assertThat(api.get(endpoints(tree) + "?limit=0", admin).status()).isEqualTo(400);
        assertThat(api.get(endpoints(tree) + "?status=LOST", admin).status()).isEqualTo(400);

        String id = api.post(endpoints(tree), admin, validBody()).json().get("id").asString();
        long afterCreate = version(tree);
        for (String body : List.of(json("url", "mailto:x@y"), json("events", List.of()), json("status", "REVOKED"),
                json("secret", "whsec_mine"), json("url", "https://user@shop.example"), "{\"url\":")) {
            assertThat(api.patch(endpoints(tree) + "/" + id, admin, body).status()).as(body).isEqualTo(400);
        }
        assertThat(api.get(endpoints(tree) + "/" + id, admin).json().get("url").asString())
                .isEqualTo("https://shop.example/hooks/mpac");
        assertThat(version(tree)).isEqualTo(afterCreate);
    }

    @Test
    void shouldKeepEndpointsToTheirMerchantsAdmins() {
        Tree tree = fixtures.tree();
        Tree other = fixtures.tree();
        String othersEndpoint = api.post(endpoints(other), fixtures.merchantAdmin(other), validBody()).json()
                .get("id").asString();
        String mine = fixtures.merchantAdmin(tree);
        String path = endpoints(other) + "/" + othersEndpoint;

        assertThat(api.get(endpoints(other), mine).status()).isEqualTo(404);
        assertThat(api.post(endpoints(other), mine, validBody()).status()).isEqualTo(404);
        assertThat(api.get(path, mine).status()).isEqualTo(404);
        assertThat(api.patch(path, mine, json("status", "DISABLED")).status()).isEqualTo(404);
        assertThat(api.post(path + "/rotate-secret", mine, null).status()).isEqualTo(404);
        assertThat(api.delete(path, mine).status()).isEqualTo(404);
        assertThat(api.get(endpoints(tree) + "/" + othersEndpoint, mine).status())
                .as("another merchant's endpoint under my merchant").isEqualTo(404);
        assertThat(api.delete(endpoints(tree) + "/" + othersEndpoint, mine).status()).isEqualTo(404);
        assertThat(api.post(endpoints(other), fixtures.pspAdmin(tree), validBody()).status()).isEqualTo(404);
        for (String token : List.of(fixtures.storeManager(tree), fixtures.cashier(tree), fixtures.device(tree))) {
            assertThat(api.get(endpoints(tree), token).status()).isEqualTo(403);
            assertThat(api.post(endpoints(tree), token, validBody()).status()).isEqualTo(403);
        }
        assertThat(api.post(endpoints(tree), null, validBody()).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT status FROM merchant_webhook_endpoint WHERE endpoint_id = :id")
                .param("id", othersEndpoint).query(String.class).single()).isEqualTo("ACTIVE");
        assertThat(count(tree)).isZero();
        assertThat(api.post(endpoints(tree), fixtures.platformAdmin(), validBody()).status()).isEqualTo(201);
    }

    @Test
    void shouldRefuseNewEndpointsForAClosedMerchant() {
        Tree tree = fixtures.tree();
        jdbc.sql("UPDATE merchant SET status = 'CLOSED' WHERE merchant_id = :id").param("id", tree.merchantId())
                .update();

        Answer answer = api.post(endpoints(tree), fixtures.platformAdmin(), validBody());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("parent_not_active");
        assertThat(count(tree)).isZero();
    }

    @Test
    void shouldDocumentTheRoutesInTheOpenApiDocument() {
        Answer openApi = api.get("/v3/api-docs", null);

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"/api/v1/merchants/{merchantId}/webhook-endpoints\"",
                "\"/api/v1/merchants/{merchantId}/webhook-endpoints/{endpointId}\"",
                "\"/api/v1/merchants/{merchantId}/webhook-endpoints/{endpointId}/rotate-secret\"");
    }

    private long count(Tree tree) {
        return jdbc.sql("SELECT count(*) FROM merchant_webhook_endpoint WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single();
    }

    private long version(Tree tree) {
        return jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single();
    }

    private List<String> auditTypes(String subjectId) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id ORDER BY event_id")
                .param("id", subjectId).query(String.class).list();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> ids(Answer page) {
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
