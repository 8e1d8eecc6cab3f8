package com.mpac.portal.registry;

import static com.mpac.portal.registry.PortalApi.json;
import static com.mpac.portal.registry.PspIntegrationTests.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.portal.registry.PortalApi.Answer;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MerchantIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    TokenSigner signer;

    @Autowired
    SecretCipher cipher;

    @Autowired
    JsonMapper jsonMapper;

    PortalApi api;
    RegistryFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
    }

    @Test
    void shouldCreateAMerchantWithProvidersAndPushItsConfiguration() {
        Tree tree = fixtures.tree();
        String tmn = code("TMN");
        String magensa = code("MAG");

        Answer created = api.post("/api/v1/merchants", fixtures.pspAdmin(tree), json("name", "Blue Bottle",
                "contactPhone", "+37369123456", "enabledProviders", List.of("VNPAY", "MOBILEPAY", "MAGENSA"),
                "vnpayTmnCode", tmn, "magensaCustomerCode", magensa, "miaIdno", code("1003600")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode merchant = created.json();
        String id = merchant.get("id").asString();
        assertThat(id).matches("mer_[0-9a-z]{24}");
        assertThat(merchant.get("pspId").asString()).isEqualTo(tree.pspId());
        assertThat(merchant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(merchant.get("contactPhone").asString()).isEqualTo("+37369123456");
        assertThat(merchant.get("enabledProviders").toString()).isEqualTo("[\"MOBILEPAY\",\"VNPAY\",\"MAGENSA\"]");
        assertThat(merchant.get("vnpayTmnCode").asString()).isEqualTo(tmn);
        String bioCode = merchant.get("mobilepayBioCode").asString();
        assertThat(bioCode).matches("[0-9a-z]{40}");
        assertThat(merchant.get("configVersion").asLong()).isEqualTo(1);

        String stored = jdbc.sql("SELECT mobilepay_bio_code FROM merchant WHERE merchant_id = :id").param("id", id)
                .query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(bioCode);
        JsonNode pushed = pushed(id, 1);
        assertThat(pushed.get("merchant_id").asString()).isEqualTo(id);
        assertThat(pushed.get("version").asLong()).isEqualTo(1);
        assertThat(pushed.get("name").asString()).isEqualTo("Blue Bottle");
        assertThat(pushed.get("providers").toString())
                .contains("{\"provider\":\"VNPAY\",\"enabled\":true,\"identifiers\":{\"tmn_code\":\"" + tmn + "\"}")
                .contains("\"credentials\":{\"bio_code\":\"" + bioCode + "\"}")
                .contains("\"provider\":\"MIA_POS\",\"enabled\":false");
        assertThat(jdbc.sql("SELECT status FROM config_delivery WHERE merchant_id = :id AND target = 'pgw'")
                .param("id", id).query(String.class).single()).isIn("PENDING", "DELIVERED");
        assertThat(auditTypes(id)).containsExactly("merchant.created");
    }

    @Test
    void shouldShowTheBioCodeOnlyWhenOneMerchantIsRead() {
        Tree tree = fixtures.tree();
        String id = api.post("/api/v1/merchants", fixtures.pspAdmin(tree),
                json("name", "Mobile", "enabledProviders", List.of("MOBILEPAY"))).json().get("id").asString();

        JsonNode asMerchantAdmin = api.get("/api/v1/merchants/" + id,
                fixtures.tokens().merchantAdmin("usr_x", tree.pspId(), id)).json();
        Answer list = api.get("/api/v1/merchants?pspId=" + tree.pspId() + "&limit=100", fixtures.pspAdmin(tree));

        assertThat(asMerchantAdmin.get("mobilepayBioCode").asString()).hasSize(40);
        // The PSP also holds the fixture's own merchant: pick ours out of the page, whatever the id order.
        JsonNode listed = java.util.stream.StreamSupport.stream(list.json().get("data").spliterator(), false)
                .filter(merchant -> merchant.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(listed.has("mobilepayBioCode")).isFalse();
        assertThat(listed.get("hasMobilepayBioCode").asBoolean()).isTrue();

        Answer regenerated = api.post("/api/v1/merchants/" + id + "/mobilepay-bio-code",
                fixtures.tokens().merchantAdmin("usr_x", tree.pspId(), id), null);
        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(regenerated.json().get("mobilepayBioCode").asString()).hasSize(40)
                .isNotEqualTo(asMerchantAdmin.get("mobilepayBioCode").asString());
        assertThat(pushed(id, 2).get("providers").toString())
                .contains(regenerated.json().get("mobilepayBioCode").asString());
    }

    @Test
    void shouldUpdateWithinTheRulesAndPushEachChange() {
        Tree tree = fixtures.tree();
        String pspAdmin = fixtures.pspAdmin(tree);
        String id = api.post("/api/v1/merchants", pspAdmin, json("name", "Before", "contactPhone", "+37369000001"))
                .json().get("id").asString();
        String merchantAdmin = fixtures.tokens().merchantAdmin("usr_m", tree.pspId(), id);

        Answer renamed = api.patch("/api/v1/merchants/" + id, merchantAdmin, json("name", "After",
                "contactPhone", ""));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("After");
        assertThat(renamed.json().get("contactPhone").isNull()).isTrue();
        assertThat(renamed.json().get("configVersion").asLong()).isEqualTo(2);

        Answer refused = api.patch("/api/v1/merchants/" + id, merchantAdmin, json("name", "Sneaky",
                "status", "SUSPENDED", "vnpayTmnCode", "X1"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("field_not_allowed");
        assertThat(refused.json().get("fields").toString()).isEqualTo("[\"status\",\"vnpayTmnCode\"]");

        String tmn = code("T");
        Answer enabled = api.patch("/api/v1/merchants/" + id, pspAdmin, json("vnpayTmnCode", tmn,
                "enabledProviders", List.of("VNPAY")));
        assertThat(enabled.json().get("enabledProviders").toString()).isEqualTo("[\"VNPAY\"]");
        Answer suspended = api.post("/api/v1/merchants/" + id + "/deactivate", pspAdmin, null);
        assertThat(suspended.json().get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(api.patch("/api/v1/merchants/" + id, pspAdmin, json("status", "CLOSED")).status())
                .isEqualTo(200);
        Answer reopen = api.patch("/api/v1/merchants/" + id, pspAdmin, json("status", "ACTIVE"));
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.code()).isEqualTo("illegal_status_transition");
        assertThat(reopen.json().get("currentStatus").asString()).isEqualTo("CLOSED");

        assertThat(jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(5);
        assertThat(pushed(id, 5).get("status").asString()).isEqualTo("CLOSED");
        assertThat(api.patch("/api/v1/merchants/" + id, pspAdmin, json("name", "After")).json()
                .get("configVersion").asLong()).as("no change, no push").isEqualTo(5);
        assertThat(auditTypes(id)).containsExactly("merchant.created", "merchant.updated", "merchant.updated",
                "merchant.status_changed", "merchant.status_changed");
    }

    @Test
    void shouldRefuseAProviderWithoutItsIdentifierAndIdentifiersOfAnotherMerchant() {
        Tree tree = fixtures.tree();
        String pspAdmin = fixtures.pspAdmin(tree);
        long before = merchantCount();

        Answer missing = api.post("/api/v1/merchants", pspAdmin, json("name", "No code",
                "enabledProviders", List.of("PAYPAY")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("PAYPAY needs paypayMerchantId");

        String paypay = code("pp");
        assertThat(api.post("/api/v1/merchants", pspAdmin, json("name", "First", "paypayMerchantId", paypay))
                .status()).isEqualTo(201);
        Answer duplicate = api.post("/api/v1/merchants", pspAdmin, json("name", "Second",
                "paypayMerchantId", paypay));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("already_in_use");
        assertThat(duplicate.json().get("field").asString()).isEqualTo("paypayMerchantId");
        assertThat(merchantCount()).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.platformAdmin();
        long before = merchantCount();
        long pushes = pushCount();
        String valid = json("pspId", tree.pspId(), "name", "Valid");
        List<String> bodies = List.of("{\"name\":", "{\"pspId\":\"" + tree.pspId() + "\",\"name\":[1]}",
                json("pspId", tree.pspId()), json("name", "No PSP"),
                json("pspId", tree.pspId(), "name", "x".repeat(201)),
                json("pspId", tree.pspId(), "name", "Phone", "contactPhone", "069123456"),
                json("pspId", tree.pspId(), "name", "Enum", "enabledProviders", List.of("BITCOIN")),
                json("pspId", tree.pspId(), "name", "Code", "vnpayTmnCode", "has/slash"),
                json("pspId", tree.pspId(), "name", "Code", "magensaCustomerCode", "x".repeat(65)),
                json("pspId", tree.pspId(), "name", "Status", "status", "ACTIVE"),
                json("pspId", tree.pspId(), "name", "Bio", "mobilepayBioCode", "chosen-by-me"),
                valid.replace("\"Valid\"", "true"));

        for (String body : bodies) {
            Answer answer = api.post("/api/v1/merchants", admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isIn("malformed_request", "validation_failed");
        }
        assertThat(merchantCount()).isEqualTo(before);
        assertThat(pushCount()).isEqualTo(pushes);
    }

    @Test
    void shouldKeepEachTenantToItsOwnMerchants() {
        Tree mine = fixtures.tree();
        Tree other = fixtures.tree();
        String pspAdmin = fixtures.pspAdmin(mine);
        String merchantAdmin = fixtures.merchantAdmin(mine);

        assertThat(ids(api.get("/api/v1/merchants?limit=100", pspAdmin))).containsExactly(mine.merchantId());
        assertThat(ids(api.get("/api/v1/merchants?pspId=" + other.pspId(), pspAdmin))).isEmpty();
        assertThat(ids(api.get("/api/v1/merchants?limit=100", merchantAdmin))).containsExactly(mine.merchantId());
        assertThat(api.get("/api/v1/merchants/" + other.merchantId(), pspAdmin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/merchants/" + other.merchantId(), merchantAdmin).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/merchants/" + other.merchantId(), pspAdmin, json("name", "Mine now"))
                .status()).isEqualTo(404);
        assertThat(api.post("/api/v1/merchants/" + other.merchantId() + "/mobilepay-bio-code", merchantAdmin, null)
                .status()).isEqualTo(404);
        Answer foreignPsp = api.post("/api/v1/merchants", pspAdmin, json("pspId", other.pspId(), "name", "Planted"));
        assertThat(foreignPsp.status()).isEqualTo(404);
        assertThat(ids(api.get("/api/v1/merchants?pspId=" + other.pspId() + "&limit=100",
                fixtures.platformAdmin()))).containsExactly(other.merchantId());
    }

    @Test
    void shouldAllowEachRoleOnlyWhatItMayDo() {
        Tree tree = fixtures.tree();
        String create = json("pspId", tree.pspId(), "name", "Role test");
        for (String token : List.of(fixtures.merchantAdmin(tree), fixtures.storeManager(tree), fixtures.cashier(tree),
                fixtures.device(tree))) {
            assertThat(api.post("/api/v1/merchants", token, create).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/merchants/" + tree.merchantId() + "/deactivate", token, null).status())
                    .isEqualTo(403);
        }
        for (String token : List.of(fixtures.storeManager(tree), fixtures.cashier(tree), fixtures.device(tree))) {
            assertThat(api.get("/api/v1/merchants", token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/merchants/" + tree.merchantId(), token).status()).isEqualTo(403);
            assertThat(api.patch("/api/v1/merchants/" + tree.merchantId(), token, json("name", "x")).status())
                    .isEqualTo(403);
        }
        assertThat(api.get("/api/v1/merchants", null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/merchants", fixtures.platformAdmin(), create).status()).isEqualTo(201);

        String disabledPsp = fixtures.psp();
        jdbc.sql("UPDATE psp SET status = 'DISABLED' WHERE psp_id = :id").param("id", disabledPsp).update();
        Answer underDisabled = api.post("/api/v1/merchants", fixtures.platformAdmin(),
                json("pspId", disabledPsp, "name", "Orphan"));
        assertThat(underDisabled.status()).isEqualTo(409);
        assertThat(underDisabled.code()).isEqualTo("parent_not_active");
    }

    @Test
    void shouldPageAndFilter() {
        Tree tree = fixtures.tree();
        String pspAdmin = fixtures.pspAdmin(tree);
        List<String> created = new ArrayList<>(List.of(tree.merchantId()));
        for (int i = 0; i < 4; i++) {
            created.add(api.post("/api/v1/merchants", pspAdmin, json("name", "Shop " + i)).json().get("id").asString());
        }
        api.post("/api/v1/merchants/" + created.get(1) + "/deactivate", pspAdmin, null);

        Answer first = api.get("/api/v1/merchants?limit=3", pspAdmin);
        Answer second = api.get("/api/v1/merchants?limit=3&startingAfter=" + first.json().get("nextCursor").asString(),
                pspAdmin);

        assertThat(first.json().get("hasMore").asBoolean()).isTrue();
        assertThat(second.json().get("hasMore").asBoolean()).isFalse();
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(ids(api.get("/api/v1/merchants?status=SUSPENDED", pspAdmin))).containsExactly(created.get(1));
        assertThat(ids(api.get("/api/v1/merchants?q=shop%203", pspAdmin))).containsExactly(created.get(4));
        assertThat(api.get("/api/v1/merchants?limit=101", pspAdmin).status()).isEqualTo(400);
    }

    private JsonNode pushed(String merchantId, long version) {
        String payload = jdbc.sql("SELECT payload FROM config_push WHERE merchant_id = :id AND version = :version")
                .param("id", merchantId).param("version", version).query(String.class).single();
        return jsonMapper.readTree(cipher.decrypt(payload, "config_push:" + merchantId + ":" + version));
    }

    private long merchantCount() {
        return jdbc.sql("SELECT count(*) FROM merchant").query(Long.class).single();
    }

    private long pushCount() {
        return jdbc.sql("SELECT count(*) FROM config_push").query(Long.class).single();
    }

    private List<String> auditTypes(String subject) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject_id = :id ORDER BY event_id")
                .param("id", subject).query(String.class).list();
    }

    private static String code(String prefix) {
        return prefix + RegistryFixtures.unique("c").substring(3, 17);
    }
}
