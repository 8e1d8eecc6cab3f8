package com.mpac.pgw.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.ApiKey;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.contracts.sync.MerchantConfiguration.Store;
import com.mpac.contracts.sync.MerchantConfiguration.Terminal;
import com.mpac.contracts.sync.MerchantConfiguration.WebhookEndpoint;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;

import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MerchantSyncIntegrationTests {

    private static final String PATH = MerchantConfiguration.PATH;
    private static final String API_SECRET = "mps_live_merchant_secret_0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MerchantKeyResolver merchantKeys;

    private final HmacSigner portal = signer("svc-portal");

    @Test
    void shouldStoreANewMerchantWithItsSecretsEncrypted() {
        String merchantId = newId("m");
        HttpResponse<String> response = push(portal, json(configuration(merchantId, 1, "Blue Bottle")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"merchant_id\":\"" + merchantId + "\"").contains("\"version\":1")
                .contains("\"outcome\":\"APPLIED\"");
        assertThat(count("store", merchantId)).isEqualTo(2);
        assertThat(count("terminal", merchantId)).isEqualTo(3);
        assertThat(count("webhook_endpoint", merchantId)).isEqualTo(1);
        String storedSecrets = jdbc.sql("SELECT secrets FROM api_key WHERE merchant_id = :id").param("id", merchantId)
                .query(String.class).single();
        String storedWebhookSecret = jdbc.sql("SELECT secret FROM webhook_endpoint WHERE merchant_id = :id")
                .param("id", merchantId).query(String.class).single();
        String identifiers = jdbc.sql("SELECT identifiers::text FROM merchant_provider WHERE merchant_id = :id")
                .param("id", merchantId).query(String.class).single();
        assertThat(storedSecrets).startsWith("v1.").doesNotContain(API_SECRET);
        assertThat(storedWebhookSecret).startsWith("v1.").doesNotContain("whsec_");
        assertThat(identifiers).contains("\"merchant_id\": \"paypay-" + merchantId + "\"");
    }

    @Test
    void shouldLetTheMerchantsApiKeyAuthenticateAfterTheSync() {
        String merchantId = newId("m");
        push(portal, json(configuration(merchantId, 1, "Keys")));

        var key = merchantKeys.resolve(apiKeyId(merchantId)).orElseThrow();

        assertThat(key.secrets()).containsExactly(API_SECRET);
        assertThat(key.caller().id()).isEqualTo(merchantId);
        assertThat(key.caller().isPlatform()).isFalse();
    }

    @Test
    void shouldApplyANewerVersionAndIgnoreTheSameOrAnOlderOne() {
        String merchantId = newId("m");
        push(portal, json(configuration(merchantId, 2, "Second")));

        HttpResponse<String> same = push(portal, json(configuration(merchantId, 2, "Same version, other name")));
        HttpResponse<String> stale = push(portal, json(configuration(merchantId, 1, "Stale")));
        MerchantConfiguration third = configuration(merchantId, 3, "Third");
        MerchantConfiguration oneStoreLess = new MerchantConfiguration(merchantId, 3L, third.pspId(), third.name(),
                MerchantStatus.SUSPENDED, third.providers(), third.stores().subList(0, 1), third.apiKeys(),
                third.webhookEndpoints(), third.apiUsers());
        HttpResponse<String> newer = push(portal, json(oneStoreLess));

        assertThat(same.body()).contains("\"outcome\":\"UNCHANGED\"").contains("\"version\":2");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("\"outcome\":\"STALE\"").contains("\"version\":2");
        assertThat(newer.body()).contains("\"outcome\":\"APPLIED\"").contains("\"version\":3");
        assertThat(merchantRow(merchantId)).isEqualTo(Map.of("name", "Third", "status", "SUSPENDED", "version", 3L));
        assertThat(count("store", merchantId)).isEqualTo(1);
    }

    @Test
    void shouldEndWithTheNewestVersionWhenPushesRace() throws Exception {
        String merchantId = newId("m");
        List<Callable<Integer>> pushes = LongStream.rangeClosed(1, 8)
                .mapToObj(version -> (Callable<Integer>) () -> push(portal,
                        json(configuration(merchantId, version, "v" + version))).statusCode())
                .toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(pushes)) {
                assertThat(result.get()).isEqualTo(200);
            }
        }

        assertThat(merchantRow(merchantId)).containsEntry("version", 8L).containsEntry("name", "v8");
        assertThat(count("terminal", merchantId)).isEqualTo(3);
    }

    @Test
    void shouldRejectBadInputWithAProblemAndWriteNothing() {
        String merchantId = newId("m");
        String valid = json(configuration(merchantId, 1, "Valid"));
        List<String> bad = List.of(
                "{\"merchant_id\":",
                valid.replace("\"version\":1", "\"version\":\"one\""),
                valid.replace("\"version\":1", "\"version\":-4"),
                valid.replace("\"status\":\"ACTIVE\"", "\"status\":\"HAPPY\""),
                valid.replace("\"name\":\"Valid\",", ""),
                valid.replace("\"url\":\"https://merchant.example/hooks\"", "\"url\":\"not a url\""),
                valid.replace("mpk_" + merchantId.substring(2), "key-without-prefix"),
                "[]",
                "");

        for (String body : bad) {
            HttpResponse<String> response = push(portal, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(response.body()).as(body).containsAnyOf("\"code\":\"malformed_request\"",
                    "\"code\":\"validation_failed\"");
        }
        assertThat(merchantExists(merchantId)).isFalse();
    }

    @Test
    void shouldRejectDuplicateIdsWithinOnePush() {
        String merchantId = newId("m");
        MerchantConfiguration c = configuration(merchantId, 1, "Dupes");
        MerchantConfiguration twice = new MerchantConfiguration(merchantId, 1L, c.pspId(), c.name(), c.status(),
                c.providers(), List.of(c.stores().getFirst(), c.stores().getFirst()), c.apiKeys(),
                c.webhookEndpoints(), c.apiUsers());

        HttpResponse<String> response = push(portal, json(twice));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("stores lists the id");
        assertThat(merchantExists(merchantId)).isFalse();
    }

    @Test
    void shouldRefuseIdsThatBelongToAnotherMerchantAndKeepTheHeldConfiguration() {
        String owner = newId("m");
        String other = newId("m");
        push(portal, json(configuration(owner, 1, "Owner")));
        push(portal, json(configuration(other, 1, "Other")));
        MerchantConfiguration c = configuration(other, 2, "Thief");
        MerchantConfiguration stealing = new MerchantConfiguration(other, 2L, c.pspId(), c.name(), c.status(),
                c.providers(), c.stores(),
                List.of(new ApiKey(apiKeyId(owner), List.of(API_SECRET), Status.ACTIVE)), c.webhookEndpoints(),
                c.apiUsers());

        HttpResponse<String> response = push(portal, json(stealing));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("\"code\":\"conflict\"");
        assertThat(merchantRow(other)).containsEntry("version", 1L).containsEntry("name", "Other");
        assertThat(merchantKeys.resolve(apiKeyId(owner)).orElseThrow().caller().id()).isEqualTo(owner);
    }

    @Test
    void shouldAcceptOnlySvcPortal() {
        String merchantId = newId("m");
        String body = json(configuration(merchantId, 1, "Nope"));
        push(portal, json(configuration(newId("m"), 1, "Has keys")));

        HttpResponse<String> fromPgw = push(signer("mpac-pgw"), body);
        HttpResponse<String> unsigned = send(body, Map.of());

        assertThat(fromPgw.statusCode()).isEqualTo(403);
        assertThat(fromPgw.body()).contains("\"code\":\"forbidden\"");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(merchantExists(merchantId)).isFalse();
    }

    @Test
    void shouldRefuseAMerchantKeyOnTheSyncRoute() {
        String merchantId = newId("m");
        push(portal, json(configuration(merchantId, 1, "Merchant")));
        HmacSigner merchant = new HmacSigner(apiKeyId(merchantId), API_SECRET, Clock.systemUTC());

        HttpResponse<String> response = push(merchant, json(configuration(merchantId, 2, "Self-service")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(merchantRow(merchantId)).containsEntry("version", 1L);
    }

    static MerchantConfiguration configuration(String merchantId, long version, String name) {
        String suffix = merchantId.substring(2);
        return new MerchantConfiguration(merchantId, version, "psp_1", name, MerchantStatus.ACTIVE,
                List.of(new ProviderAccount(Provider.PAYPAY, true, Map.of("merchant_id", "paypay-" + merchantId),
                        Map.of("api_secret", "paypay-secret"))),
                List.of(new Store("st_a_" + suffix, "Shibuya", Status.ACTIVE, "Asia/Tokyo",
                                List.of(new Terminal("tm_1_" + suffix, "SN-1", Status.ACTIVE),
                                        new Terminal("tm_2_" + suffix, "SN-2", Status.ACTIVE))),
                        new Store("st_b_" + suffix, "Ginza", Status.ACTIVE, "Asia/Tokyo",
                                List.of(new Terminal("tm_3_" + suffix, null, Status.DISABLED)))),
                List.of(new ApiKey(apiKeyId(merchantId), List.of(API_SECRET), Status.ACTIVE)),
                List.of(new WebhookEndpoint("we_" + suffix, "https://merchant.example/hooks",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", List.of("payment_intent.succeeded"),
                        Status.ACTIVE)),
                List.of());
    }

    private static String apiKeyId(String merchantId) {
        return "mpk_" + merchantId.substring(2);
    }

    private static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private String json(MerchantConfiguration configuration) {
        return json.writeValueAsString(configuration);
    }

    private HttpResponse<String> push(HmacSigner signer, String body) {
        return send(body, signer.headers("POST", URI.create(PATH), body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) {
        return TestHttp.localhost(port).post(PATH, body, headers);
    }

    private int count(String table, String merchantId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE merchant_id = :id").param("id", merchantId)
                .query(Integer.class).single();
    }

    private boolean merchantExists(String merchantId) {
        return count("merchant", merchantId) == 1;
    }

    private Map<String, Object> merchantRow(String merchantId) {
        return jdbc.sql("SELECT name, status, version FROM merchant WHERE merchant_id = :id").param("id", merchantId)
                .query().singleRow();
    }

    private static HmacSigner signer(String service) {
        return new HmacSigner(TestPlatformKeys.keyId(service), TestPlatformKeys.secret(service), Clock.systemUTC());
    }
}
