package com.mpac.portal.registry;

import static com.mpac.portal.registry.PortalApi.json;
import static com.mpac.portal.registry.PspIntegrationTests.ids;
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

import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TerminalIntegrationTests {

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
    void shouldRegisterATerminalWithItsProviderIdsAndPushIt() {
        Tree tree = fixtures.tree();
        String serial = "SN-" + RegistryFixtures.unique("s");
        String miaId = "T" + RegistryFixtures.unique("m").substring(2);

        Answer created = api.post("/api/v1/terminals", fixtures.merchantAdmin(tree), json("storeId", tree.storeId(),
                "name", "Till 1", "serialNumber", serial, "providerTerminalIds", Map.of("MIA_POS", miaId)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode terminal = created.json();
        String id = terminal.get("id").asString();
        assertThat(id).matches("ter_[0-9a-z]{24}");
        assertThat(created.header("Location")).isEqualTo("/api/v1/terminals/" + id);
        assertThat(terminal.get("storeId").asString()).isEqualTo(tree.storeId());
        assertThat(terminal.get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(terminal.get("pspId").asString()).isEqualTo(tree.pspId());
        assertThat(terminal.get("status").asString()).isEqualTo("PENDING");
        assertThat(terminal.get("serialNumber").asString()).isEqualTo(serial);
        assertThat(terminal.get("providerTerminalIds").toString()).isEqualTo("{\"MIA_POS\":\"" + miaId + "\"}");
        assertThat(ConfigPushes.latest(jdbc, tree.merchantId()).toString())
                .contains("{\"terminal_id\":\"" + id + "\",\"serial_number\":\"" + serial
                        + "\",\"status\":\"ACTIVE\",\"provider_terminal_ids\":{\"MIA_POS\":\"" + miaId + "\"}}");
        assertThat(api.get("/api/v1/terminals/" + id, fixtures.cashier(tree)).json().get("name").asString())
                .isEqualTo("Till 1");
    }

    @Test
    void shouldUpdateNameSerialAndProviderIds() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        String miaId = "T" + RegistryFixtures.unique("m").substring(2);

        Answer updated = api.patch("/api/v1/terminals/" + tree.terminalId(), admin, json("name", "Front desk",
                "serialNumber", "SN-" + miaId, "providerTerminalIds", Map.of("MIA_POS", miaId, "MOBILEPAY", "pos-1")));
        Answer cleared = api.patch("/api/v1/terminals/" + tree.terminalId(), admin, json("serialNumber", "",
                "providerTerminalIds", Map.of()));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Front desk");
        assertThat(updated.json().get("providerTerminalIds").size()).isEqualTo(2);
        assertThat(cleared.json().get("serialNumber").isNull()).isTrue();
        assertThat(cleared.json().get("providerTerminalIds").size()).isZero();
        assertThat(cleared.json().get("name").asString()).isEqualTo("Front desk");
        assertThat(api.patch("/api/v1/terminals/" + tree.terminalId(), admin, json("status", "ACTIVE")).status())
                .as("the status changes through provisioning only").isEqualTo(400);
    }

    @Test
    void shouldRefuseASerialOrProviderIdAnotherTerminalUses() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        String serial = "SN-" + RegistryFixtures.unique("s");
        String miaId = "T" + RegistryFixtures.unique("m").substring(2);
        assertThat(api.post("/api/v1/terminals", admin, json("storeId", tree.storeId(), "serialNumber", serial,
                "providerTerminalIds", Map.of("MIA_POS", miaId))).status()).isEqualTo(201);
        long before = count();

        Answer sameSerial = api.post("/api/v1/terminals", admin, json("storeId", tree.storeId(), "serialNumber",
                serial));
        Answer sameMiaId = api.post("/api/v1/terminals", admin, json("storeId", tree.storeId(),
                "providerTerminalIds", Map.of("MIA_POS", miaId)));

        assertThat(sameSerial.status()).isEqualTo(409);
        assertThat(sameSerial.json().get("field").asString()).isEqualTo("serialNumber");
        assertThat(sameMiaId.status()).isEqualTo(409);
        assertThat(sameMiaId.json().get("field").asString()).isEqualTo("providerTerminalIds");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        long before = count();
        List<String> bodies = List.of("{\"storeId\":", json("name", "No store"),
                json("storeId", tree.storeId(), "providerTerminalIds", Map.of("ATM", "1")),
                json("storeId", tree.storeId(), "providerTerminalIds", Map.of("MIA_POS", "has space")),
                json("storeId", tree.storeId(), "providerTerminalIds", List.of("MIA_POS")),
                json("storeId", tree.storeId(), "serialNumber", "x".repeat(101)),
                json("storeId", tree.storeId(), "status", "ACTIVE"),
                json("storeId", tree.storeId(), "clientSecret", "mine"),
                json("storeId", 42));

        for (String body : bodies) {
            Answer answer = api.post("/api/v1/terminals", admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isIn("malformed_request", "validation_failed");
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldKeepEachTenantToItsOwnTerminals() {
        Tree mine = fixtures.tree();
        Tree other = fixtures.tree();
        String otherStoreOfMine = fixtures.store(mine.merchantId());
        String otherTerminalOfMine = fixtures.terminal(otherStoreOfMine, mine.merchantId());
        long before = count();

        for (String token : List.of(fixtures.pspAdmin(mine), fixtures.merchantAdmin(mine))) {
            assertThat(api.get("/api/v1/terminals/" + other.terminalId(), token).status()).isEqualTo(404);
            assertThat(api.patch("/api/v1/terminals/" + other.terminalId(), token, json("name", "x")).status())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/terminals", token, json("storeId", other.storeId())).status())
                    .isEqualTo(404);
            assertThat(ids(api.get("/api/v1/terminals?limit=100", token))).containsExactlyElementsOf(
                    List.of(mine.terminalId(), otherTerminalOfMine).stream().sorted().toList());
        }
        for (String token : List.of(fixtures.storeManager(mine), fixtures.cashier(mine))) {
            assertThat(ids(api.get("/api/v1/terminals?limit=100", token))).containsExactly(mine.terminalId());
            assertThat(api.get("/api/v1/terminals/" + otherTerminalOfMine, token).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/terminals", token, json("storeId", mine.storeId())).status())
                    .isEqualTo(403);
            assertThat(api.patch("/api/v1/terminals/" + mine.terminalId(), token, json("name", "x")).status())
                    .isEqualTo(403);
        }
        String device = fixtures.device(mine);
        assertThat(api.get("/api/v1/terminals", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/terminals/" + mine.terminalId(), device).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/terminals", device, json("storeId", mine.storeId())).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/terminals", null).status()).isEqualTo(401);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldPageAndFilter() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        List<String> created = new ArrayList<>(List.of(tree.terminalId()));
        for (int i = 0; i < 4; i++) {
            created.add(api.post("/api/v1/terminals", admin, json("storeId", tree.storeId(), "name", "Lane " + i))
                    .json().get("id").asString());
        }
        jdbc.sql("UPDATE terminal SET status = 'ACTIVE' WHERE terminal_id = :id").param("id", created.get(3)).update();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = api.get("/api/v1/terminals?limit=2&storeId=" + tree.storeId()
                    + (cursor == null ? "" : "&startingAfter=" + cursor), admin);
            seen.addAll(ids(page));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        }
        while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(ids(api.get("/api/v1/terminals?status=ACTIVE", admin))).containsExactly(created.get(3));
        assertThat(ids(api.get("/api/v1/terminals?q=lane%202", admin))).containsExactly(created.get(3));
        assertThat(api.get("/api/v1/terminals?status=BROKEN", admin).status()).isEqualTo(400);
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM terminal").query(Long.class).single();
    }
}
