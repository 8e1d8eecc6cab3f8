package com.mpac.portal.apiuser;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.mpac.portal.registry.ConfigPushes;
import com.mpac.portal.registry.PortalApi;
import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiUserIntegrationTests {

    static final String PASSWORD = "machine passphrase 1";

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

    PortalApi api;
    RegistryFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
    }

    /** A tree whose merchant has a Magensa customer code; answers the code. */
    private String withMagensa(Tree tree) {
        String code = "CC" + RegistryFixtures.unique("c").substring(3, 15);
        jdbc.sql("UPDATE merchant SET magensa_customer_code = :code WHERE merchant_id = :id")
                .param("code", code).param("id", tree.merchantId()).update();
        return code;
    }

    private static String path(Tree tree) {
        return "/api/v1/merchants/" + tree.merchantId() + "/api-users";
    }

    @Test
    void shouldCreateAnApiUserAndPushOnlyItsPasswordHash() {
        Tree tree = fixtures.tree();
        String code = withMagensa(tree);

        Answer created = api.post(path(tree), fixtures.merchantAdmin(tree), json("customerCode", code.toLowerCase(),
                "username", "pos.backend", "password", PASSWORD));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.json();
        String id = user.get("id").asString();
        assertThat(id).matches("apu_[0-9a-z]{24}");
        assertThat(user.get("customerCode").asString()).isEqualTo(code);
        assertThat(user.get("username").asString()).isEqualTo("pos.backend");
        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash");
        JsonNode pushed = ConfigPushes.latest(jdbc, tree.merchantId()).get("api_users").get(0);
        assertThat(pushed.get("user_id").asString()).isEqualTo(id);
        assertThat(pushed.get("provider").asString()).isEqualTo("MAGENSA");
        assertThat(pushed.get("username").asString()).isEqualTo("pos.backend");
        String hash = pushed.get("password_hash").asString();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(PASSWORD);
        assertThat(passwordEncoder.matches(PASSWORD, hash)).isTrue();
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void shouldUpdateDisableAndDeleteAnApiUser() {
        Tree tree = fixtures.tree();
        withMagensa(tree);
        String admin = fixtures.pspAdmin(tree);
        String id = api.post(path(tree), admin, json("username", "first", "password", PASSWORD)).json().get("id")
                .asString();
        String before = ConfigPushes.latest(jdbc, tree.merchantId()).get("api_users").get(0).get("password_hash")
                .asString();

        Answer updated = api.patch(path(tree) + "/" + id, admin, json("username", "renamed", "password",
                "another passphrase", "status", "DISABLED"));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("username").asString()).isEqualTo("renamed");
        assertThat(updated.json().get("status").asString()).isEqualTo("DISABLED");
        JsonNode pushed = ConfigPushes.latest(jdbc, tree.merchantId()).get("api_users").get(0);
        assertThat(pushed.get("status").asString()).isEqualTo("DISABLED");
        assertThat(pushed.get("password_hash").asString()).isNotEqualTo(before);
        assertThat(passwordEncoder.matches("another passphrase", pushed.get("password_hash").asString())).isTrue();
        assertThat(api.get(path(tree) + "/" + id, admin).json().get("username").asString()).isEqualTo("renamed");
        Answer enabled = api.patch(path(tree) + "/" + id, admin, json("status", "ACTIVE"));
        assertThat(enabled.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).get("api_users").get(0).get("password_hash")
                .asString()).isEqualTo(pushed.get("password_hash").asString());

        assertThat(api.delete(path(tree) + "/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get(path(tree) + "/" + id, admin).status()).isEqualTo(404);
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).get("api_users").size()).isZero();
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id ORDER BY event_id").param("id", id)
                .query(String.class).list()).containsExactly("api_user.created", "api_user.updated",
                        "api_user.updated", "api_user.deleted");
    }

    @Test
    void shouldRefuseAMerchantWithoutMagensaAndDuplicateUsernames() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);

        Answer noMagensa = api.post(path(tree), admin, json("username", "u1", "password", PASSWORD));
        assertThat(noMagensa.status()).isEqualTo(409);
        assertThat(noMagensa.code()).isEqualTo("magensa_not_configured");

        withMagensa(tree);
        assertThat(api.post(path(tree), admin, json("username", "Till", "password", PASSWORD)).status())
                .isEqualTo(201);
        Answer duplicate = api.post(path(tree), admin, json("username", "till", "password", PASSWORD));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("already_in_use");
        Answer wrongCode = api.post(path(tree), admin, json("customerCode", "OTHER", "username", "u2", "password",
                PASSWORD));
        assertThat(wrongCode.status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        withMagensa(tree);
        String admin = fixtures.merchantAdmin(tree);
        for (String body : List.of("{\"username\":", json("password", PASSWORD), json("username", "u"),
                json("username", "has:colon", "password", PASSWORD), json("username", "has/slash", "password",
                        PASSWORD), json("username", "x".repeat(101), "password", PASSWORD),
                json("username", "u", "password", "short"), json("username", "u", "password", PASSWORD,
                        "passwordHash", "{noop}x"), json("username", 5, "password", PASSWORD))) {
            Answer answer = api.post(path(tree), admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM merchant_api_user WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldKeepApiUsersToTheirMerchantsAdmins() {
        Tree tree = fixtures.tree();
        Tree other = fixtures.tree();
        withMagensa(tree);
        withMagensa(other);
        String otherId = api.post(path(other), fixtures.merchantAdmin(other), json("username", "theirs",
                "password", PASSWORD)).json().get("id").asString();
        String mine = fixtures.merchantAdmin(tree);

        assertThat(api.get(path(other), mine).status()).isEqualTo(404);
        assertThat(api.get(path(other) + "/" + otherId, mine).status()).isEqualTo(404);
        assertThat(api.get(path(tree) + "/" + otherId, mine).status()).isEqualTo(404);
        assertThat(api.patch(path(tree) + "/" + otherId, mine, json("status", "DISABLED")).status()).isEqualTo(404);
        assertThat(api.delete(path(other) + "/" + otherId, mine).status()).isEqualTo(404);
        for (String token : List.of(fixtures.storeManager(tree), fixtures.cashier(tree), fixtures.device(tree))) {
            assertThat(api.get(path(tree), token).status()).isEqualTo(403);
            assertThat(api.post(path(tree), token, json("username", "x", "password", PASSWORD)).status())
                    .isEqualTo(403);
        }
        assertThat(api.get(path(tree), null).status()).isEqualTo(401);
        assertThat(api.get(path(other) + "/" + otherId, fixtures.merchantAdmin(other)).json().get("status")
                .asString()).isEqualTo("ACTIVE");
    }

    @Test
    void shouldPage() {
        Tree tree = fixtures.tree();
        withMagensa(tree);
        String admin = fixtures.merchantAdmin(tree);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(api.post(path(tree), admin, json("username", "u" + i, "password", PASSWORD)).json()
                    .get("id").asString());
        }

        Answer first = api.get(path(tree) + "?limit=2", admin);
        Answer second = api.get(path(tree) + "?limit=2&startingAfter=" + first.json().get("nextCursor").asString(),
                admin);

        List<String> seen = new ArrayList<>();
        first.json().get("data").forEach(u -> seen.add(u.get("id").asString()));
        second.json().get("data").forEach(u -> seen.add(u.get("id").asString()));
        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(second.json().get("hasMore").asBoolean()).isFalse();
    }
}
