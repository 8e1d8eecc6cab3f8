package com.mpac.portal.user;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.jwt.TokenKind;
import com.mpac.contracts.problem.ApiException;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.PortalApi;
import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserIntegrationTests {

    static final String PASSWORD = "correct horse battery";

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

    @Autowired
    UserService userService;

    @Autowired
    PlatformTransactionManager transactions;

    PortalApi api;
    RegistryFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
    }

    static String email() {
        return RegistryFixtures.unique("user") + "@example.com";
    }

    @Test
    void shouldCreateAMerchantAdminWhoCanThenLogIn() {
        Tree tree = fixtures.tree();
        String email = email();

        Answer created = api.post("/api/v1/users", fixtures.platformAdmin(), json("email", email, "password",
                PASSWORD, "roles", List.of("MERCHANT_ADMIN"), "merchantId", tree.merchantId()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.json();
        String id = user.get("id").asString();
        assertThat(id).matches("usr_[0-9a-z]{24}");
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + id);
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(user.get("roles").toString()).isEqualTo("[\"MERCHANT_ADMIN\"]");
        assertThat(user.get("pspId").asString()).isEqualTo(tree.pspId());
        assertThat(user.get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(user.get("storeId").isNull()).isTrue();
        assertThat(created.body()).doesNotContainIgnoringCase("password").doesNotContain("$2a$");
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE user_id = :id").param("id", id)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches(PASSWORD, hash)).isTrue();
        Answer login = api.post("/api/v1/auth/user/login", null, json("email", email.toUpperCase(), "password",
                PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(audit(id)).containsExactly("user.created");
        assertThat(api.get("/api/v1/users/" + id, fixtures.merchantAdmin(tree)).json().get("email").asString())
                .isEqualTo(email);
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        long before = count();
        String email = email();
        List<String> bodies = List.of("{\"email\":",
                json("password", PASSWORD, "roles", List.of("CASHIER"), "storeId", tree.storeId()),
                json("email", "not-an-email", "password", PASSWORD, "roles", List.of("CASHIER"), "storeId",
                        tree.storeId()),
                json("email", "x".repeat(250) + "@example.com", "password", PASSWORD, "roles", List.of("CASHIER"),
                        "storeId", tree.storeId()),
                json("email", email, "password", "short", "roles", List.of("CASHIER"), "storeId", tree.storeId()),
                json("email", email, "password", "x".repeat(73), "roles", List.of("CASHIER"), "storeId",
                        tree.storeId()),
                json("email", email, "password", PASSWORD, "storeId", tree.storeId()),
                json("email", email, "password", PASSWORD, "roles", List.of(), "storeId", tree.storeId()),
                json("email", email, "password", PASSWORD, "roles", List.of("GOD"), "storeId", tree.storeId()),
                json("email", email, "password", PASSWORD, "roles", "CASHIER", "storeId", tree.storeId()),
                json("email", email, "password", PASSWORD, "roles", List.of("MERCHANT_ADMIN", "CASHIER"),
                        "storeId", tree.storeId()),
                json("email", email, "password", PASSWORD, "roles", List.of("CASHIER")),
                json("email", email, "password", PASSWORD, "roles", List.of("CASHIER"), "storeId", tree.storeId(),
                        "status", "DISABLED"),
                json("email", email, "passwordHash", "{noop}x", "password", PASSWORD, "roles", List.of("CASHIER"),
                        "storeId", tree.storeId()),
                json("email", email, "password", 123456789012L, "roles", List.of("CASHIER"), "storeId",
                        tree.storeId()),
                json("email", email, "password", PASSWORD, "roles", List.of("CASHIER"), "storeId", tree.storeId(),
                        "merchantId", fixtures.merchant(tree.pspId())));

        for (String body : bodies) {
            Answer answer = api.post("/api/v1/users", admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isIn("malformed_request", "validation_failed");
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldRefuseADuplicateEmailWhateverItsCase() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        String email = email();
        assertThat(create(admin, email, "CASHIER", "storeId", tree.storeId()).status()).isEqualTo(201);

        Answer duplicate = create(admin, email.toUpperCase(), "STORE_MANAGER", "storeId", tree.storeId());

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("already_in_use");
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(:e)").param("e", email)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldLetEachRoleGrantOnlyRolesAtOrBelowItsOwnWithinItsScope() {
        Tree tree = fixtures.tree();
        Tree other = fixtures.tree();
        String otherStoreOfMerchant = fixtures.store(tree.merchantId());
        String psp = fixtures.pspAdmin(tree);
        String merchant = fixtures.merchantAdmin(tree);
        String manager = fixtures.storeManager(tree);
        String cashier = fixtures.cashier(tree);

        assertThat(create(fixtures.platformAdmin(), email(), "PLATFORM_ADMIN").status()).isEqualTo(201);
        assertThat(create(psp, email(), "PSP_ADMIN").status()).isEqualTo(201);
        assertThat(create(psp, email(), "MERCHANT_ADMIN", "merchantId", tree.merchantId()).status()).isEqualTo(201);
        assertThat(create(psp, email(), "PLATFORM_ADMIN").status()).isEqualTo(403);
        assertThat(create(psp, email(), "PSP_ADMIN", "pspId", other.pspId()).status()).isEqualTo(404);
        assertThat(create(psp, email(), "CASHIER", "storeId", other.storeId()).status()).isEqualTo(404);

        assertThat(create(merchant, email(), "MERCHANT_ADMIN").status()).isEqualTo(201);
        assertThat(create(merchant, email(), "STORE_MANAGER", "storeId", tree.storeId()).status()).isEqualTo(201);
        assertThat(create(merchant, email(), "PSP_ADMIN", "pspId", tree.pspId()).status()).isEqualTo(403);
        assertThat(create(merchant, email(), "MERCHANT_ADMIN", "merchantId", other.merchantId()).status())
                .isEqualTo(404);

        Answer byManager = create(manager, email(), "CASHIER");
        assertThat(byManager.status()).isEqualTo(201);
        assertThat(byManager.json().get("storeId").asString()).isEqualTo(tree.storeId());
        assertThat(create(manager, email(), "STORE_MANAGER").status()).isEqualTo(403);
        assertThat(create(manager, email(), "MERCHANT_ADMIN", "merchantId", tree.merchantId()).status())
                .isEqualTo(403);
        assertThat(create(manager, email(), "CASHIER", "storeId", otherStoreOfMerchant).status()).isEqualTo(404);

        long before = count();
        assertThat(create(cashier, email(), "CASHIER").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", cashier).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", fixtures.device(tree)).status()).isEqualTo(403);
        assertThat(create(fixtures.device(tree), email(), "CASHIER").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", null).status()).isEqualTo(401);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldDisableChangeRolesAndResetPasswordsWithinTheRules() {
        Tree tree = fixtures.tree();
        String merchant = fixtures.merchantAdmin(tree);
        String id = create(merchant, email(), "CASHIER", "storeId", tree.storeId()).json().get("id").asString();
        String family = openSession(id);

        Answer promoted = api.patch("/api/v1/users/" + id, merchant, json("roles", List.of("STORE_MANAGER",
                "CASHIER")));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().get("roles").toString()).isEqualTo("[\"STORE_MANAGER\",\"CASHIER\"]");
        assertThat(revoked(family)).isTrue();

        Answer movedUp = api.patch("/api/v1/users/" + id, merchant, json("roles", List.of("MERCHANT_ADMIN")));
        assertThat(movedUp.json().get("storeId").isNull()).isTrue();
        assertThat(movedUp.json().get("merchantId").asString()).isEqualTo(tree.merchantId());
        Answer escalate = api.patch("/api/v1/users/" + id, merchant, json("roles", List.of("PSP_ADMIN")));
        assertThat(escalate.status()).isEqualTo(403);
        Answer downWithoutStore = api.patch("/api/v1/users/" + id, merchant, json("roles", List.of("CASHIER")));
        assertThat(downWithoutStore.status()).isEqualTo(400);
        Answer down = api.patch("/api/v1/users/" + id, merchant, json("roles", List.of("CASHIER"), "storeId",
                tree.storeId()));
        assertThat(down.json().get("storeId").asString()).isEqualTo(tree.storeId());

        String family2 = openSession(id);
        Answer disabled = api.patch("/api/v1/users/" + id, merchant, json("status", "DISABLED"));
        assertThat(disabled.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(revoked(family2)).isTrue();
        assertThat(api.post("/api/v1/auth/user/login", null, json("email", disabled.json().get("email").asString(),
                "password", PASSWORD)).status()).isEqualTo(401);

        Answer reset = api.patch("/api/v1/users/" + id, merchant, json("status", "ACTIVE", "password",
                "a brand new passphrase"));
        assertThat(reset.status()).isEqualTo(200);
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE user_id = :id").param("id", id)
                .query(String.class).single();
        assertThat(passwordEncoder.matches("a brand new passphrase", hash)).isTrue();
        assertThat(passwordEncoder.matches(PASSWORD, hash)).isFalse();
        assertThat(audit(id)).containsExactly("user.created", "user.roles_changed", "user.roles_changed",
                "user.roles_changed", "user.disabled", "user.enabled", "user.password_reset");
        String changeDetails = jdbc.sql("SELECT details::text FROM audit_event WHERE subject_id = :id AND type ="
                + " 'user.roles_changed' ORDER BY event_id LIMIT 1").param("id", id).query(String.class).single();
        assertThat(changeDetails).contains("\"fromRoles\": [\"CASHIER\"]")
                .contains("\"toRoles\": [\"STORE_MANAGER\", \"CASHIER\"]");
    }

    @Test
    void shouldRefuseChangesOutsideTheRulesAndKeepTheUserAsItWas() {
        Tree tree = fixtures.tree();
        String merchant = fixtures.merchantAdmin(tree);
        String managerId = create(merchant, email(), "STORE_MANAGER", "storeId", tree.storeId()).json().get("id")
                .asString();
        String cashierId = create(merchant, email(), "CASHIER", "storeId", tree.storeId()).json().get("id")
                .asString();
        String otherManager = fixtures.storeManager(tree);

        assertThat(api.patch("/api/v1/users/" + managerId, otherManager, json("status", "DISABLED")).status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/users/" + managerId, otherManager).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/users/" + cashierId, otherManager, json("roles", List.of("STORE_MANAGER")))
                .status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/users/" + cashierId, otherManager, json("email", "new@example.com")).status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/users/" + cashierId, otherManager, json("storeId", tree.storeId())).status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/users/" + cashierId, otherManager, json("password", "short")).status())
                .isEqualTo(400);
        Answer self = api.patch("/api/v1/users/" + managerId,
                fixtures.tokens().storeUser(managerId, "STORE_MANAGER", tree.pspId(), tree.merchantId(),
                        tree.storeId()), json("password", "my own new password"));
        assertThat(self.status()).as("a store manager cannot manage a peer, themself included").isEqualTo(403);
        Answer selfAdmin = api.patch("/api/v1/users/" + managerId + "x", merchant, json("status", "DISABLED"));
        assertThat(selfAdmin.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/" + managerId, otherManager).json().get("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(api.patch("/api/v1/users/" + cashierId, otherManager, json("status", "DISABLED")).json()
                .get("status").asString()).isEqualTo("DISABLED");
    }

    @Test
    void shouldRefuseAnAdminResettingTheirOwnPasswordHere() {
        Tree tree = fixtures.tree();
        String email = email();
        String id = create(fixtures.merchantAdmin(tree), email, "MERCHANT_ADMIN").json().get("id").asString();
        String self = fixtures.tokens().merchantAdmin(id, tree.pspId(), tree.merchantId());

        Answer answer = api.patch("/api/v1/users/" + id, self, json("password", "chosen without the old one"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/auth/user/login", null, json("email", email, "password", PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseACallerWhoseAccountWasDisabledMeanwhile() {
        Tree tree = fixtures.tree();
        String adminId = create(fixtures.pspAdmin(tree), email(), "MERCHANT_ADMIN", "merchantId", tree.merchantId())
                .json().get("id").asString();
        String token = fixtures.tokens().merchantAdmin(adminId, tree.pspId(), tree.merchantId());
        assertThat(create(token, email(), "CASHIER", "storeId", tree.storeId()).status()).isEqualTo(201);

        jdbc.sql("UPDATE app_user SET status = 'DISABLED' WHERE user_id = :id").param("id", adminId).update();

        assertThat(create(token, email(), "CASHIER", "storeId", tree.storeId()).status()).isEqualTo(403);
    }

    @Test
    void shouldDeleteAUserForGoodAndReleaseTheEmail() {
        Tree tree = fixtures.tree();
        String merchant = fixtures.merchantAdmin(tree);
        String email = email();
        String id = create(merchant, email, "CASHIER", "storeId", tree.storeId()).json().get("id").asString();
        String family = openSession(id);

        Answer deleted = api.delete("/api/v1/users/" + id, merchant);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/" + id, merchant).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/users/" + id, merchant).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/users/" + id, merchant, json("status", "ACTIVE")).status()).isEqualTo(404);
        assertThat(revoked(family)).isTrue();
        assertThat(jdbc.sql("SELECT status || ' ' || email FROM app_user WHERE user_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("DISABLED " + id + "@deleted.invalid");
        assertThat(jdbc.sql("SELECT count(*) FROM role_assignment WHERE user_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(api.post("/api/v1/auth/user/login", null, json("email", email, "password", PASSWORD)).status())
                .isEqualTo(401);
        assertThat(create(merchant, email, "CASHIER", "storeId", tree.storeId()).status()).isEqualTo(201);
        assertThat(audit(id)).containsExactly("user.created", "user.deleted");
    }

    @Test
    void shouldNeverLeaveThePlatformWithoutAnActivePlatformAdmin() {
        String platform = fixtures.platformAdmin();
        String id = create(platform, email(), "PLATFORM_ADMIN").json().get("id").asString();
        create(platform, email(), "PLATFORM_ADMIN");
        TransactionTemplate rollingBack = new TransactionTemplate(transactions);
        Actor self = Actor.of(new CallerToken(TokenKind.HUMAN, id, "mpac-portal", null, null, null,
                java.util.Set.of("PLATFORM_ADMIN"), java.util.Set.of(), null, "jti"));

        rollingBack.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            // Alone for the length of this transaction: every other platform admin is disabled.
            jdbc.sql("""
                    UPDATE app_user SET status = 'DISABLED' WHERE user_id <> :id AND user_id IN
                        (SELECT user_id FROM role_assignment WHERE role = 'PLATFORM_ADMIN')
                    """).param("id", id).update();
            assertThatThrownBy(() -> userService.delete(self, id, "127.0.0.1"))
                    .isInstanceOfSatisfying(ApiException.class,
                            ex -> assertThat(ex.problemType().code()).isEqualTo("last_platform_admin"));
            assertThatThrownBy(() -> userService.update(self, id, new UserController.UpdateUserRequest(
                    UserController.UserStatus.DISABLED, null, null, null, null, null), "127.0.0.1"))
                    .isInstanceOf(ApiException.class).hasMessageContaining("last active platform admin");
            assertThatThrownBy(() -> userService.update(self, id, new UserController.UpdateUserRequest(
                    null, java.util.Set.of(Actor.Role.PSP_ADMIN), fixtures.psp(), null, null, null), "127.0.0.1"))
                    .isInstanceOf(ApiException.class).hasMessageContaining("last active platform admin");
        });

        Answer demoteWithOthersLeft = api.patch("/api/v1/users/" + id, platform, json("status", "DISABLED"));
        assertThat(demoteWithOthersLeft.status()).isEqualTo(200);
    }

    @Test
    void shouldListOnlyUsersInScopeWithFiltersAndPages() {
        Tree tree = fixtures.tree();
        Tree other = fixtures.tree();
        String merchant = fixtures.merchantAdmin(tree);
        String tag = RegistryFixtures.unique("q");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(create(merchant, tag + i + "@example.com", "CASHIER", "storeId", tree.storeId()).json()
                    .get("id").asString());
        }
        String managerId = create(merchant, tag + "m@example.com", "STORE_MANAGER", "storeId", tree.storeId())
                .json().get("id").asString();
        String foreign = create(fixtures.merchantAdmin(other), email(), "CASHIER", "storeId", other.storeId())
                .json().get("id").asString();

        Answer first = api.get("/api/v1/users?limit=2&q=" + tag, merchant);
        Answer second = api.get("/api/v1/users?limit=2&q=" + tag + "&startingAfter="
                + first.json().get("nextCursor").asString(), merchant);
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));

        mine.add(managerId);
        assertThat(all).containsExactlyElementsOf(mine.stream().sorted().toList());
        assertThat(second.json().get("hasMore").asBoolean()).isFalse();
        assertThat(ids(api.get("/api/v1/users?role=STORE_MANAGER&q=" + tag, merchant))).containsExactly(managerId);
        assertThat(ids(api.get("/api/v1/users?storeId=" + other.storeId(), merchant))).isEmpty();
        assertThat(api.get("/api/v1/users/" + foreign, merchant).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/users/" + foreign, merchant, json("status", "DISABLED")).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/users/" + foreign, merchant).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/v1/users?limit=100&q=" + tag, fixtures.storeManager(tree))))
                .containsExactlyElementsOf(mine.stream().sorted().toList());
        assertThat(api.get("/api/v1/users?limit=500", merchant).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?role=GOD", merchant).status()).isEqualTo(400);
    }

    private Answer create(String token, String email, String role, String... scope) {
        List<Object> fields = new ArrayList<>(List.of("email", email, "password", PASSWORD, "roles", List.of(role)));
        fields.addAll(List.of((Object[]) scope));
        return api.post("/api/v1/users", token, json(fields.toArray()));
    }

    private String openSession(String userId) {
        String family = RegistryFixtures.unique("fam");
        jdbc.sql("""
                INSERT INTO refresh_family (family_id, user_id, amr, created_at, expires_at)
                VALUES (:id, :user, '{pwd}', now(), now() + interval '1 day')
                """).param("id", family).param("user", userId).update();
        return family;
    }

    private boolean revoked(String family) {
        return jdbc.sql("SELECT revoked_at IS NOT NULL FROM refresh_family WHERE family_id = :id").param("id", family)
                .query(Boolean.class).single();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    private List<String> audit(String subject) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id AND type LIKE 'user.%' ORDER BY event_id")
                .param("id", subject).query(String.class).list();
    }

    private static List<String> ids(Answer page) {
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
