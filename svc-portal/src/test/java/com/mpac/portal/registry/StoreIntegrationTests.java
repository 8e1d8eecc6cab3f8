package com.mpac.portal.registry;

import static com.mpac.portal.registry.PortalApi.json;
import static com.mpac.portal.registry.PspIntegrationTests.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
class StoreIntegrationTests {

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

    static Map<String, Object> address() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", "Str. Stefan cel Mare 1");
        address.put("line2", "Floor 2");
        address.put("city", "Chisinau");
        address.put("postalCode", "MD-2001");
        address.put("country", "MD");
        return address;
    }

    @Test
    void shouldLetAMerchantAdminCreateAStoreInTheirMerchant() {
        Tree tree = fixtures.tree();
        String merchantAdmin = fixtures.merchantAdmin(tree);

        Answer created = api.post("/api/v1/stores", merchantAdmin, json("name", "Downtown", "address", address(),
                "timezone", "Europe/Chisinau"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode store = created.json();
        String id = store.get("id").asString();
        assertThat(id).matches("sto_[0-9a-z]{24}");
        assertThat(created.header("Location")).isEqualTo("/api/v1/stores/" + id);
        assertThat(store.get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(store.get("pspId").asString()).isEqualTo(tree.pspId());
        assertThat(store.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(store.get("timezone").asString()).isEqualTo("Europe/Chisinau");
        assertThat(store.get("address").toString()).isEqualTo("{\"line1\":\"Str. Stefan cel Mare 1\",\"line2\":"
                + "\"Floor 2\",\"city\":\"Chisinau\",\"postalCode\":\"MD-2001\",\"country\":\"MD\"}");
        assertThat(pushedStoreIds(tree.merchantId())).contains(id);
        assertThat(api.get("/api/v1/stores/" + id, fixtures.storeManager(new Tree(tree.pspId(), tree.merchantId(),
                id, null))).status()).isEqualTo(200);
    }

    @Test
    void shouldUpdateAndDeactivateAStore() {
        Tree tree = fixtures.tree();
        String merchantAdmin = fixtures.merchantAdmin(tree);
        Map<String, Object> moved = address();
        moved.put("line2", null);
        moved.put("city", "Balti");

        Answer updated = api.patch("/api/v1/stores/" + tree.storeId(), merchantAdmin, json("name", "Uptown",
                "address", moved, "timezone", "Europe/Bucharest"));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Uptown");
        assertThat(updated.json().get("address").get("city").asString()).isEqualTo("Balti");
        assertThat(updated.json().get("address").get("line2").isNull()).isTrue();
        assertThat(updated.json().get("timezone").asString()).isEqualTo("Europe/Bucharest");
        Answer deactivated = api.post("/api/v1/stores/" + tree.storeId() + "/deactivate", merchantAdmin, null);
        assertThat(deactivated.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(latestPush(tree.merchantId()).toString())
                .contains("\"store_id\":\"" + tree.storeId() + "\",\"name\":\"Uptown\",\"status\":\"DISABLED\"")
                .contains("\"terminal_id\":\"" + tree.terminalId() + "\",\"serial_number\":null,\"status\":\"DISABLED\"");
        Answer terminalInDisabledStore = api.post("/api/v1/terminals", merchantAdmin, json("storeId", tree.storeId()));
        assertThat(terminalInDisabledStore.status()).isEqualTo(409);
        assertThat(terminalInDisabledStore.code()).isEqualTo("parent_not_active");
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        long before = count();
        Map<String, Object> badCountry = address();
        badCountry.put("country", "XX");
        Map<String, Object> lowerCountry = address();
        lowerCountry.put("country", "md");
        Map<String, Object> extra = address();
        extra.put("geo", "47.0,28.8");
        Map<String, Object> noCity = address();
        noCity.remove("city");
        List<String> bodies = List.of("{\"name\":", json("name", "S", "timezone", "Europe/Chisinau"),
                json("name", "S", "address", address()),
                json("name", "S", "address", address(), "timezone", "Mars/Olympus"),
                json("name", "S", "address", badCountry, "timezone", "UTC"),
                json("name", "S", "address", lowerCountry, "timezone", "UTC"),
                json("name", "S", "address", extra, "timezone", "UTC"),
                json("name", "S", "address", noCity, "timezone", "UTC"),
                json("name", "S", "address", "Main street", "timezone", "UTC"),
                json("name", "x".repeat(201), "address", address(), "timezone", "UTC"),
                json("name", "S", "address", address(), "timezone", "UTC", "status", "DISABLED"));

        for (String body : bodies) {
            Answer answer = api.post("/api/v1/stores", admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isIn("malformed_request", "validation_failed");
        }
        assertThat(count()).isEqualTo(before);
        assertThat(api.post("/api/v1/stores", fixtures.platformAdmin(), json("name", "No merchant", "address",
                address(), "timezone", "UTC")).status()).isEqualTo(400);
    }

    @Test
    void shouldKeepEachTenantToItsOwnStores() {
        Tree mine = fixtures.tree();
        Tree other = fixtures.tree();
        String secondStore = fixtures.store(mine.merchantId());
        String body = json("merchantId", other.merchantId(), "name", "Planted", "address", address(),
                "timezone", "UTC");
        long before = count();

        for (String token : List.of(fixtures.pspAdmin(mine), fixtures.merchantAdmin(mine))) {
            assertThat(api.get("/api/v1/stores/" + other.storeId(), token).status()).isEqualTo(404);
            assertThat(api.patch("/api/v1/stores/" + other.storeId(), token, json("name", "x")).status())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/stores/" + other.storeId() + "/deactivate", token, null).status())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/stores", token, body).status()).isEqualTo(404);
            assertThat(ids(api.get("/api/v1/stores?limit=100", token)))
                    .containsExactlyElementsOf(List.of(mine.storeId(), secondStore).stream().sorted().toList());
        }
        String manager = fixtures.storeManager(mine);
        assertThat(ids(api.get("/api/v1/stores?limit=100", manager))).containsExactly(mine.storeId());
        assertThat(api.get("/api/v1/stores/" + secondStore, manager).status()).isEqualTo(404);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldLetStoreStaffOnlyRead() {
        Tree tree = fixtures.tree();
        String create = json("merchantId", tree.merchantId(), "name", "Nope", "address", address(),
                "timezone", "UTC");
        for (String token : List.of(fixtures.storeManager(tree), fixtures.cashier(tree))) {
            assertThat(api.get("/api/v1/stores/" + tree.storeId(), token).status()).isEqualTo(200);
            assertThat(api.post("/api/v1/stores", token, create).status()).isEqualTo(403);
            assertThat(api.patch("/api/v1/stores/" + tree.storeId(), token, json("name", "x")).status())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/stores/" + tree.storeId() + "/deactivate", token, null).status())
                    .isEqualTo(403);
        }
        String device = fixtures.device(tree);
        assertThat(api.get("/api/v1/stores", device).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/stores", device, create).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/stores", null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/stores", fixtures.pspAdmin(tree), create).status()).isEqualTo(201);
    }

    @Test
    void shouldPageAndFilter() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        List<String> created = new ArrayList<>(List.of(tree.storeId()));
        for (int i = 0; i < 3; i++) {
            created.add(api.post("/api/v1/stores", admin, json("name", "Branch " + i, "address", address(),
                    "timezone", "UTC")).json().get("id").asString());
        }
        api.post("/api/v1/stores/" + created.get(2) + "/deactivate", admin, null);

        Answer first = api.get("/api/v1/stores?limit=2", admin);
        Answer second = api.get("/api/v1/stores?limit=2&startingAfter=" + first.json().get("nextCursor").asString(),
                admin);

        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(second.json().get("hasMore").asBoolean()).isFalse();
        assertThat(ids(api.get("/api/v1/stores?status=DISABLED", admin))).containsExactly(created.get(2));
        assertThat(ids(api.get("/api/v1/stores?q=branch%200", admin))).containsExactly(created.get(1));
        assertThat(ids(api.get("/api/v1/stores?q=%25", admin))).isEmpty();
        assertThat(api.get("/api/v1/stores?limit=-1", admin).status()).isEqualTo(400);
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM store").query(Long.class).single();
    }

    private List<String> pushedStoreIds(String merchantId) {
        List<String> ids = new ArrayList<>();
        latestPush(merchantId).get("stores").forEach(store -> ids.add(store.get("store_id").asString()));
        return ids;
    }

    private JsonNode latestPush(String merchantId) {
        return ConfigPushes.latest(jdbc, merchantId);
    }
}
