package com.mpac.portal.providersetting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderSettingIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String API_SECRET = "pp-secret-0123456789abcdef0123456789";
    private static final String CHANNEL_SECRET = "line-channel-secret-fedcba9876543210";

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

    private static String settings(Tree tree, String provider) {
        return "/api/v1/merchants/" + tree.merchantId() + "/providers/" + provider + "/settings";
    }

    private static String body(Map<String, ?> identifiers, Map<String, ?> credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identifiers", identifiers);
        body.put("credentials", credentials);
        return JSON.writeValueAsString(body);
    }

    private static String payPayBody() {
        return body(Map.of("base_url", "https://stg-api.paypay.example"),
                Map.of("api_key", "a_key_123", "api_secret", API_SECRET));
    }

    @Test
    void shouldStoreCredentialsEncryptedShowOnlyTheirNamesAndPushThemMergedWithTheRegistry() {
        Tree tree = fixtures.tree();
        jdbc.sql("UPDATE merchant SET paypay_merchant_id = 'PP-MERCHANT-1', enabled_providers = '{PAYPAY}'"
                + " WHERE merchant_id = :id").param("id", tree.merchantId()).update();
        String admin = fixtures.merchantAdmin(tree);
        long versionBefore = version(tree);

        Answer put = api.send("PUT", settings(tree, "PAYPAY"), admin, payPayBody());

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("merchantId").asString()).isEqualTo(tree.merchantId());
        assertThat(put.json().get("provider").asString()).isEqualTo("PAYPAY");
        assertThat(put.json().get("identifiers").get("base_url").asString())
                .isEqualTo("https://stg-api.paypay.example");
        assertThat(strings(put.json().get("credentialNames"))).containsExactly("api_key", "api_secret");
        assertThat(put.json().get("updatedAt").isNull()).isFalse();
        assertThat(put.body()).doesNotContain(API_SECRET).doesNotContain("a_key_123");
        assertThat(put.header("Cache-Control")).contains("no-store");

        Answer get = api.get(settings(tree, "PAYPAY"), admin);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("identifiers").size()).isEqualTo(1);
        assertThat(strings(get.json().get("credentialNames"))).containsExactly("api_key", "api_secret");
        assertThat(get.body()).doesNotContain(API_SECRET).doesNotContain("a_key_123");

        String stored = jdbc.sql("SELECT credentials FROM merchant_provider_setting WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(API_SECRET).doesNotContain("a_key_123");

        assertThat(version(tree)).isEqualTo(versionBefore + 1);
        JsonNode account = account(tree, "PAYPAY");
        assertThat(account.get("enabled").asBoolean()).isTrue();
        assertThat(account.get("identifiers").get("merchant_id").asString()).isEqualTo("PP-MERCHANT-1");
        assertThat(account.get("identifiers").get("base_url").asString()).isEqualTo("https://stg-api.paypay.example");
        assertThat(account.get("credentials").get("api_key").asString()).isEqualTo("a_key_123");
        assertThat(account.get("credentials").get("api_secret").asString()).isEqualTo(API_SECRET);

        List<String> audit = jdbc.sql("SELECT type || ' ' || details::text FROM audit_event WHERE merchant_id = :id"
                + " AND type LIKE 'provider_settings.%'").param("id", tree.merchantId()).query(String.class).list();
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst()).startsWith("provider_settings.updated").contains("api_secret")
                .doesNotContain(API_SECRET).doesNotContain("a_key_123");
    }

    @Test
    void shouldPushLinePayChannelBesideTheRegistryMerchantIdEvenWhenNotEnabled() {
        Tree tree = fixtures.tree();
        jdbc.sql("UPDATE merchant SET linepay_merchant_id = 'LP-MERCHANT-9' WHERE merchant_id = :id")
                .param("id", tree.merchantId()).update();
        String admin = fixtures.pspAdmin(tree);

        Answer put = api.send("PUT", settings(tree, "LINEPAY"), admin,
                body(Map.of("channel_id", "1655000000"), Map.of("channel_secret", CHANNEL_SECRET)));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode account = account(tree, "LINEPAY");
        assertThat(account.get("enabled").asBoolean()).isFalse();
        assertThat(account.get("identifiers").get("merchant_id").asString()).isEqualTo("LP-MERCHANT-9");
        assertThat(account.get("identifiers").get("channel_id").asString()).isEqualTo("1655000000");
        assertThat(account.get("credentials").get("channel_secret").asString()).isEqualTo(CHANNEL_SECRET);
    }

    @Test
    void shouldKeepTheMobilePayBioCodeBesideOtherCredentials() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        Answer bio = api.post("/api/v1/merchants/" + tree.merchantId() + "/mobilepay-bio-code", admin, null);
        assertThat(bio.status()).as(bio.body()).isEqualTo(200);
        String bioCode = bio.json().get("mobilepayBioCode").asString();

        assertThat(api.send("PUT", settings(tree, "MOBILEPAY"), admin, body(Map.of(), Map.of("pos_token", "tok-1")))
                .status()).isEqualTo(200);

        JsonNode account = account(tree, "MOBILEPAY");
        assertThat(account.get("credentials").get("bio_code").asString()).isEqualTo(bioCode);
        assertThat(account.get("credentials").get("pos_token").asString()).isEqualTo("tok-1");
    }

    @Test
    void shouldReplaceOnPutAndRemoveOnDelete() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        assertThat(api.get(settings(tree, "VNPAY"), admin).json().get("identifiers").size()).isZero();
        api.send("PUT", settings(tree, "PAYPAY"), admin, payPayBody());

        Answer replaced = api.send("PUT", settings(tree, "PAYPAY"), admin, body(Map.of(),
                Map.of("api_key", "k2", "api_secret", "s2")));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("identifiers").size()).isZero();
        JsonNode account = account(tree, "PAYPAY");
        assertThat(account.get("identifiers").size()).isZero();
        assertThat(account.get("credentials").get("api_secret").asString()).isEqualTo("s2");

        Answer deleted = api.delete(settings(tree, "PAYPAY"), admin);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(account(tree, "PAYPAY")).as("no longer enabled, identified or credentialled").isNull();
        Answer get = api.get(settings(tree, "PAYPAY"), admin);
        assertThat(get.json().get("identifiers").size()).isZero();
        assertThat(get.json().get("credentialNames").size()).isZero();
        assertThat(get.json().get("updatedAt").isNull()).isTrue();
        long afterDelete = version(tree);
        assertThat(api.delete(settings(tree, "PAYPAY"), admin).status()).isEqualTo(204);
        assertThat(version(tree)).isEqualTo(afterDelete);
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE merchant_id = :id AND type LIKE 'provider_settings.%'"
                + " ORDER BY event_id").param("id", tree.merchantId()).query(String.class).list())
                .containsExactly("provider_settings.updated", "provider_settings.updated",
                        "provider_settings.deleted");
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        long versionBefore = version(tree);
        Map<String, String> tooMany = new LinkedHashMap<>();
        IntStream.range(0, 21).forEach(i -> tooMany.put("k_" + (char) ('a' + i), "v"));
        List<String> bodies = List.of("{\"identifiers\":", "[]",
                body(Map.of("Base_URL", "https://x.example"), Map.of()),
                body(Map.of("base-url", "https://x.example"), Map.of()),
                body(Map.of("k".repeat(65), "v"), Map.of()),
                body(Map.of("base_url", "ftp://x.example"), Map.of()),
                body(Map.of("base_url", "not a url"), Map.of()),
                body(Map.of("channel_id", "x".repeat(513)), Map.of()),
                body(Map.of(), Map.of("api_secret", "x".repeat(4097))),
                body(Map.of(), Map.of("api_secret", " ")),
                body(Map.of(), Map.of("api_secret", Map.of("nested", "x"))),
                body(tooMany, Map.of()),
                body(Map.of(), tooMany),
                body(Map.of("merchant_id", "PP-OVERRIDE"), Map.of()),
                "{\"identifiers\":{},\"credentials\":{},\"enabled\":true}",
                "{\"identifiers\":{\"channel_id\":null}}");
        for (String body : bodies) {
            Answer answer = api.send("PUT", settings(tree, "PAYPAY"), admin, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).doesNotContain("x".repeat(100));
        }
        assertThat(api.send("PUT", settings(tree, "MOBILEPAY"), admin, body(Map.of(), Map.of("bio_code", "mine")))
                .status()).isEqualTo(400);
        for (String provider : List.of("STRIPE", "paypay", "x")) {
            assertThat(api.send("PUT", settings(tree, provider), admin, payPayBody()).status()).as(provider)
                    .isEqualTo(400);
            assertThat(api.get(settings(tree, provider), admin).status()).as(provider).isEqualTo(400);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM merchant_provider_setting WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single()).isZero();
        assertThat(version(tree)).isEqualTo(versionBefore);
    }

    @Test
    void shouldKeepSettingsToTheirMerchantsAdmins() {
        Tree tree = fixtures.tree();
        Tree other = fixtures.tree();
        assertThat(api.send("PUT", settings(other, "PAYPAY"), fixtures.merchantAdmin(other), payPayBody()).status())
                .isEqualTo(200);
        String mine = fixtures.merchantAdmin(tree);

        assertThat(api.get(settings(other, "PAYPAY"), mine).status()).isEqualTo(404);
        assertThat(api.send("PUT", settings(other, "PAYPAY"), mine, payPayBody()).status()).isEqualTo(404);
        assertThat(api.delete(settings(other, "PAYPAY"), mine).status()).isEqualTo(404);
        assertThat(api.get(settings(other, "PAYPAY"), fixtures.pspAdmin(tree)).status()).isEqualTo(404);
        for (String token : List.of(fixtures.storeManager(tree), fixtures.cashier(tree), fixtures.device(tree))) {
            assertThat(api.get(settings(tree, "PAYPAY"), token).status()).isEqualTo(403);
            assertThat(api.send("PUT", settings(tree, "PAYPAY"), token, payPayBody()).status()).isEqualTo(403);
            assertThat(api.delete(settings(tree, "PAYPAY"), token).status()).isEqualTo(403);
        }
        assertThat(api.send("PUT", settings(tree, "PAYPAY"), null, payPayBody()).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM merchant_provider_setting WHERE merchant_id = :id")
                .param("id", other.merchantId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM merchant_provider_setting WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single()).isZero();
        assertThat(api.send("PUT", settings(tree, "PAYPAY"), fixtures.platformAdmin(), payPayBody()).status())
                .isEqualTo(200);
    }

    @Test
    void shouldDocumentTheRoutesInTheOpenApiDocument() {
        Answer openApi = api.get("/v3/api-docs", null);

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"/api/v1/merchants/{merchantId}/providers/{provider}/settings\"");
    }

    private JsonNode account(Tree tree, String provider) {
        for (JsonNode account : ConfigPushes.latest(jdbc, tree.merchantId()).get("providers")) {
            if (account.get("provider").asString().equals(provider)) {
                return account;
            }
        }
        return null;
    }

    private long version(Tree tree) {
        return jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id")
                .param("id", tree.merchantId()).query(Long.class).single();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
