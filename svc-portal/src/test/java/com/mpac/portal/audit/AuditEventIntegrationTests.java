package com.mpac.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.portal.registry.PortalApi;
import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditEventIntegrationTests {

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
    String type;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
        type = "test." + RegistryFixtures.unique("evt");
    }

    @Test
    void shouldShowEventsNewestFirstWithTheirValues() {
        Tree tree = fixtures.tree();
        long id = event(type, "usr_actor", "usr_subject", tree.pspId(), tree.merchantId(), "now()");

        Answer answer = api.get("/api/v1/audit-events?type=" + type, fixtures.platformAdmin());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode event = answer.json().get("data").get(0);
        assertThat(event.get("id").asString()).isEqualTo(Long.toString(id));
        assertThat(event.get("type").asString()).isEqualTo(type);
        assertThat(event.get("actorId").asString()).isEqualTo("usr_actor");
        assertThat(event.get("subjectId").asString()).isEqualTo("usr_subject");
        assertThat(event.get("pspId").asString()).isEqualTo(tree.pspId());
        assertThat(event.get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(event.get("clientIp").asString()).isEqualTo("192.0.2.1");
        assertThat(event.get("details").toString()).isEqualTo("{\"reason\":\"test\"}");
        assertThat(event.get("occurredAt").asString()).isNotBlank();
    }

    @Test
    void shouldShowEachAdminOnlyTheirTenancysEvents() {
        Tree mine = fixtures.tree();
        Tree other = fixtures.tree();
        long pspEvent = event(type, "a", "s", mine.pspId(), null, "now()");
        long merchantOnly = event(type, "a", "s", null, mine.merchantId(), "now()");
        long both = event(type, "a", "s", mine.pspId(), mine.merchantId(), "now()");
        long foreign = event(type, "a", "s", other.pspId(), other.merchantId(), "now()");
        long platform = event(type, "a", "s", null, null, "now()");

        assertThat(ids(api.get("/api/v1/audit-events?type=" + type, fixtures.platformAdmin())))
                .containsExactly(platform, foreign, both, merchantOnly, pspEvent);
        assertThat(ids(api.get("/api/v1/audit-events?type=" + type, fixtures.pspAdmin(mine))))
                .containsExactly(both, merchantOnly, pspEvent);
        assertThat(ids(api.get("/api/v1/audit-events?type=" + type, fixtures.merchantAdmin(mine))))
                .containsExactly(both, merchantOnly);
        for (String token : List.of(fixtures.storeManager(mine), fixtures.cashier(mine), fixtures.device(mine))) {
            assertThat(api.get("/api/v1/audit-events", token).status()).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/audit-events", null).status()).isEqualTo(401);
    }

    @Test
    void shouldPageByEventIdAndFilter() {
        Tree tree = fixtures.tree();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(event(type, "actor" + (i % 2), "subject" + i, tree.pspId(), tree.merchantId(), "now()"));
        }
        long old = event(type, "actor0", "old", tree.pspId(), tree.merchantId(), "now() - interval '3 days'");
        String admin = fixtures.merchantAdmin(tree);

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = api.get("/api/v1/audit-events?limit=2&type=" + type
                    + (cursor == null ? "" : "&startingAfter=" + cursor), admin);
            seen.addAll(ids(page));
            cursor = page.json().get("hasMore").asBoolean() ? page.json().get("nextCursor").asString() : null;
            pages++;
        }
        while (cursor != null);

        List<Long> expected = new ArrayList<>(created);
        expected.add(old);
        assertThat(seen).containsExactlyElementsOf(expected.stream().sorted((a, b) -> Long.compare(b, a)).toList());
        assertThat(pages).isEqualTo(3);
        assertThat(ids(api.get("/api/v1/audit-events?type=" + type + "&actor=actor1", admin)))
                .containsExactly(created.get(3), created.get(1));
        assertThat(ids(api.get("/api/v1/audit-events?type=" + type + "&subject=subject2", admin)))
                .containsExactly(created.get(2));
        String dayAgo = java.time.Instant.now().minusSeconds(86_400).toString();
        assertThat(ids(api.get("/api/v1/audit-events?type=" + type + "&to=" + dayAgo, admin))).containsExactly(old);
        assertThat(ids(api.get("/api/v1/audit-events?type=" + type + "&from=" + dayAgo, admin))).hasSize(5);
    }

    @Test
    void shouldRefuseBadParameters() {
        String admin = fixtures.platformAdmin();
        for (String query : List.of("limit=0", "limit=101", "limit=x", "startingAfter=abc", "from=yesterday",
                "to=2026-13-01T00:00:00Z", "type=" + "x".repeat(101))) {
            Answer answer = api.get("/api/v1/audit-events?" + query, admin);

            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.code()).as(query).isIn("validation_failed", "malformed_request");
        }
    }

    @Test
    void shouldRecordRegistryAndUserChangesForTheTenantsAdmins() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        api.post("/api/v1/terminals", admin, PortalApi.json("storeId", tree.storeId(), "name", "Audited"));

        Answer events = api.get("/api/v1/audit-events?type=terminal.registered", admin);

        assertThat(events.json().get("data").size()).isEqualTo(1);
        assertThat(events.json().get("data").get(0).get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(events.json().get("data").get(0).get("details").get("storeId").asString())
                .isEqualTo(tree.storeId());
    }

    private long event(String type, String actor, String subject, String pspId, String merchantId, String at) {
        return jdbc.sql("INSERT INTO audit_event (occurred_at, type, actor_id, subject_id, psp_id, merchant_id,"
                        + " client_ip, details) VALUES (" + at + ", :type, :actor, :subject, :psp, :merchant,"
                        + " '192.0.2.1', '{\"reason\":\"test\"}') RETURNING event_id")
                .param("type", type).param("actor", actor).param("subject", subject).param("psp", pspId)
                .param("merchant", merchantId)
                .query(Long.class).single();
    }

    private static List<Long> ids(Answer page) {
        List<Long> ids = new ArrayList<>();
        page.json().get("data").forEach(event -> ids.add(Long.parseLong(event.get("id").asString())));
        return ids;
    }
}
