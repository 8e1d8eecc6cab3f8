package com.mpac.portal.registry;

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

import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PspIntegrationTests {

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

    @Test
    void shouldLetAPlatformAdminCreateReadRenameAndDeactivateAPsp() {
        String admin = fixtures.platformAdmin();
        String name = "Moldova Payments " + RegistryFixtures.unique("n");

        Answer created = api.post("/api/v1/psps", admin, json("name", "  " + name + " "));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).matches("psp_[0-9a-z]{24}");
        assertThat(created.header("Location")).isEqualTo("/api/v1/psps/" + id);
        assertThat(created.json().get("name").asString()).isEqualTo(name);
        assertThat(created.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.json().has("createdAt")).isTrue();

        Answer read = api.get("/api/v1/psps/" + id, admin);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asString()).isEqualTo(name);

        Answer renamed = api.patch("/api/v1/psps/" + id, admin, json("name", "Renamed"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");

        Answer deactivated = api.post("/api/v1/psps/" + id + "/deactivate", admin, null);
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(api.patch("/api/v1/psps/" + id, admin, json("status", "ACTIVE")).json().get("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(auditTypes(id)).contains("psp.created", "psp.updated", "psp.status_changed");
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        String admin = fixtures.platformAdmin();
        long before = count();
        List<String> bodies = List.of("{\"name\":", "{\"name\": 5}", "{}", "{\"name\":\"   \"}",
                json("name", "x".repeat(201)), json("name", "Ok", "status", "DISABLED"), json("name", "Ok", "id",
                        "psp_chosen"), "[]", "");

        for (String body : bodies) {
            Answer answer = api.post("/api/v1/psps", admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(body).isEqualTo("application/problem+json");
            assertThat(answer.code()).as(body).isIn("malformed_request", "validation_failed");
        }
        assertThat(count()).isEqualTo(before);
        String id = fixtures.psp();
        assertThat(api.patch("/api/v1/psps/" + id, admin, json("status", "HAPPY")).status()).isEqualTo(400);
        assertThat(api.patch("/api/v1/psps/" + id, admin, json("name", "")).status()).isEqualTo(400);
        assertThat(api.patch("/api/v1/psps/" + id, admin, json("createdAt", "2020-01-01T00:00:00Z")).status())
                .isEqualTo(400);
    }

    @Test
    void shouldShowAPspAdminOnlyTheirOwnPsp() {
        Tree mine = fixtures.tree();
        Tree other = fixtures.tree();
        String pspAdmin = fixtures.pspAdmin(mine);

        Answer list = api.get("/api/v1/psps?limit=100", pspAdmin);

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).containsExactly(mine.pspId());
        assertThat(api.get("/api/v1/psps/" + mine.pspId(), pspAdmin).status()).isEqualTo(200);
        Answer foreign = api.get("/api/v1/psps/" + other.pspId(), pspAdmin);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("not_found");
        Answer missing = api.get("/api/v1/psps/psp_doesnotexist", pspAdmin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail")).isEqualTo(foreign.json().get("detail"));
    }

    @Test
    void shouldAllowOnlyPlatformAdminsToWriteAndPspAdminsToRead() {
        Tree tree = fixtures.tree();
        String body = json("name", "Not allowed");
        long before = count();

        for (String token : List.of(fixtures.pspAdmin(tree), fixtures.merchantAdmin(tree),
                fixtures.storeManager(tree), fixtures.cashier(tree), fixtures.device(tree))) {
            assertThat(api.post("/api/v1/psps", token, body).status()).isEqualTo(403);
            assertThat(api.patch("/api/v1/psps/" + tree.pspId(), token, body).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/psps/" + tree.pspId() + "/deactivate", token, null).status()).isEqualTo(403);
        }
        for (String token : List.of(fixtures.merchantAdmin(tree), fixtures.storeManager(tree), fixtures.cashier(tree),
                fixtures.device(tree))) {
            assertThat(api.get("/api/v1/psps", token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/psps/" + tree.pspId(), token).status()).isEqualTo(403);
        }
        Answer anonymous = api.get("/api/v1/psps", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/v1/psps", "Bearer not-a-token").status()).isEqualTo(401);
        assertThat(count()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT name FROM psp WHERE psp_id = :id").param("id", tree.pspId()).query(String.class)
                .single()).isNotEqualTo("Not allowed");
    }

    @Test
    void shouldPageWithACursorAndFilter() {
        String admin = fixtures.platformAdmin();
        String tag = RegistryFixtures.unique("tag");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.post("/api/v1/psps", admin, json("name", "Paged " + tag + " " + i)).json().get("id")
                    .asString());
        }
        api.post("/api/v1/psps/" + created.get(4) + "/deactivate", admin, null);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = api.get("/api/v1/psps?limit=2&q=" + tag + (cursor == null ? "" : "&startingAfter=" + cursor),
                    admin);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("data").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(page));
            cursor = page.json().get("hasMore").asBoolean() ? page.json().get("nextCursor").asString() : null;
            pages++;
        }
        while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(ids(api.get("/api/v1/psps?status=DISABLED&q=" + tag, admin))).containsExactly(created.get(4));
        assertThat(api.get("/api/v1/psps?limit=0", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/psps?limit=101", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/psps?limit=abc", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/psps?status=NOPE", admin).status()).isEqualTo(400);
        Answer last = api.get("/api/v1/psps?q=" + tag + "&limit=100", admin);
        assertThat(last.json().get("hasMore").asBoolean()).isFalse();
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM psp").query(Long.class).single();
    }

    private List<String> auditTypes(String subject) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id ORDER BY event_id")
                .param("id", subject).query(String.class).list();
    }

    static List<String> ids(Answer page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().get("data")) {
            ids.add(item.get("id").asString());
        }
        return ids;
    }
}
