package com.mpac.portal.apikey;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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
class ApiKeyIntegrationTests {

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

    private String keys(Tree tree) {
        return "/api/v1/merchants/" + tree.merchantId() + "/api-keys";
    }

    @Test
    void shouldShowTheSecretOnceAndPushItEncryptedAtRest() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);

        Answer created = api.post(keys(tree), admin, json("name", "Back office"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        String keyId = key.get("id").asString();
        String secret = key.get("secret").asString();
        assertThat(keyId).matches("mpk_[0-9a-z]{24}");
        assertThat(secret).matches("mps_[0-9a-f]{64}");
        assertThat(key.get("name").asString()).isEqualTo("Back office");
        assertThat(key.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("Location")).isEqualTo(keys(tree) + "/" + keyId);

        String stored = jdbc.sql("SELECT secret FROM merchant_api_key WHERE key_id = :id").param("id", keyId)
                .query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(secret.substring(4));
        Answer list = api.get(keys(tree), admin);
        assertThat(list.body()).doesNotContain(secret).doesNotContain(stored);
        assertThat(list.json().get("data").get(0).get("secretLast4").asString())
                .isEqualTo(secret.substring(secret.length() - 4));
        JsonNode pushedKey = ConfigPushes.latest(jdbc, tree.merchantId()).get("api_keys").get(0);
        assertThat(pushedKey.get("key_id").asString()).isEqualTo(keyId);
        assertThat(pushedKey.get("secrets").get(0).asString()).isEqualTo(secret);
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id").param("id", keyId)
                .query(String.class).list()).containsExactly("api_key.created");
        assertThat(jdbc.sql("SELECT details::text FROM audit_event WHERE subject_id = :id").param("id", keyId)
                .query(String.class).single()).doesNotContain(secret);
    }

    @Test
    void shouldKeepAtMostTwoActiveKeysSoOneCanBeRotated() {
        Tree tree = fixtures.tree();
        String admin = fixtures.pspAdmin(tree);
        String first = api.post(keys(tree), admin, "{}").json().get("id").asString();
        String second = api.post(keys(tree), admin, null).json().get("id").asString();

        Answer third = api.post(keys(tree), admin, "{}");
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.code()).isEqualTo("limit_reached");

        Answer revoked = api.post(keys(tree) + "/" + first + "/revoke", admin, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        assertThat(api.post(keys(tree) + "/" + first + "/revoke", admin, null).json().get("status").asString())
                .isEqualTo("REVOKED");
        String rotated = api.post(keys(tree), admin, "{}").json().get("id").asString();

        List<String> pushed = new ArrayList<>();
        ConfigPushes.latest(jdbc, tree.merchantId()).get("api_keys")
                .forEach(k -> pushed.add(k.get("key_id").asString()));
        assertThat(pushed).containsExactlyInAnyOrder(second, rotated);
        assertThat(ids(api.get(keys(tree) + "?status=ACTIVE", admin))).containsExactlyInAnyOrder(second, rotated);
        assertThat(ids(api.get(keys(tree) + "?status=REVOKED", admin))).containsExactly(first);
    }

    @Test
    void shouldLetOnlyTwoOfManyConcurrentCreatesSucceed() throws Exception {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        List<Callable<Integer>> creates = IntStream.range(0, 5)
                .mapToObj(i -> (Callable<Integer>) () -> api.post(keys(tree), admin, json("name", "k" + i)).status())
                .toList();

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (Future<Integer> result : pool.invokeAll(creates)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM merchant_api_key WHERE merchant_id = :id AND status = 'ACTIVE'")
                .param("id", tree.merchantId()).query(Long.class).single()).isEqualTo(2);
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).get("api_keys").size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        for (String body : List.of("{\"name\":", json("name", "x".repeat(101)), json("name", 7),
                json("secret", "mps_mine"), json("name", "ok", "status", "REVOKED"), "[]")) {
            Answer answer = api.post(keys(tree), admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM merchant_api_key WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single()).isZero();
        assertThat(api.get(keys(tree) + "?limit=0", admin).status()).isEqualTo(400);
        assertThat(api.get(keys(tree) + "?status=LOST", admin).status()).isEqualTo(400);
    }

    @Test
    void shouldKeepKeysToTheirMerchantsAdmins() {
        Tree tree = fixtures.tree();
        Tree other = fixtures.tree();
        String otherKey = api.post(keys(other), fixtures.merchantAdmin(other), "{}").json().get("id").asString();
        String mine = fixtures.merchantAdmin(tree);

        assertThat(api.get(keys(other), mine).status()).isEqualTo(404);
        assertThat(api.post(keys(other), mine, "{}").status()).isEqualTo(404);
        assertThat(api.post(keys(other) + "/" + otherKey + "/revoke", mine, null).status()).isEqualTo(404);
        assertThat(api.post(keys(tree) + "/" + otherKey + "/revoke", mine, null).status()).isEqualTo(404);
        assertThat(api.post(keys(other), fixtures.pspAdmin(tree), "{}").status()).isEqualTo(404);
        for (String token : List.of(fixtures.storeManager(tree), fixtures.cashier(tree), fixtures.device(tree))) {
            assertThat(api.get(keys(tree), token).status()).isEqualTo(403);
            assertThat(api.post(keys(tree), token, "{}").status()).isEqualTo(403);
        }
        assertThat(api.post(keys(tree), null, "{}").status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT status FROM merchant_api_key WHERE key_id = :id").param("id", otherKey)
                .query(String.class).single()).isEqualTo("ACTIVE");
        assertThat(api.post(keys(tree), fixtures.platformAdmin(), "{}").status()).isEqualTo(201);
    }

    private static List<String> ids(Answer page) {
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
