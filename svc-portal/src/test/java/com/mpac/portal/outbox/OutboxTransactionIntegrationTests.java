package com.mpac.portal.outbox;

import static com.mpac.portal.registry.PortalApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.validation.Validator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.portal.registry.ConfigPushes;
import com.mpac.portal.registry.PortalApi;
import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;

import tools.jackson.databind.json.JsonMapper;

/** The outbox row is written in the transaction of the change, or not at all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxTransactionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    TokenSigner signer;

    @Autowired
    ConfigurationOutbox outbox;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Environment environment;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    Validator validator;

    PortalApi api;
    RegistryFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new PortalApi(port);
        fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
    }

    @Test
    void shouldWriteNothingWhenTheChangesTransactionRollsBack() {
        Tree tree = fixtures.tree();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.sql("UPDATE merchant SET name = 'Rolled back' WHERE merchant_id = :id")
                    .param("id", tree.merchantId()).update();
            assertThat(outbox.enqueue(tree.merchantId())).isEqualTo(1);
            tx.setRollbackOnly();
        });

        assertThat(version(tree.merchantId())).isZero();
        assertThat(count("config_push", tree.merchantId())).isZero();
        assertThat(count("config_delivery", tree.merchantId())).isZero();
    }

    @Test
    void shouldRefuseToEnqueueOutsideATransaction() {
        Tree tree = fixtures.tree();

        assertThatThrownBy(() -> outbox.enqueue(tree.merchantId())).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(version(tree.merchantId())).isZero();
    }

    @Test
    void shouldStoreEachVersionEncryptedWithAPendingDelivery() {
        Tree tree = fixtures.tree();
        String admin = fixtures.pspAdmin(tree);

        String taken = "PP" + RegistryFixtures.unique("p").substring(3, 15);
        jdbc.sql("UPDATE merchant SET paypay_merchant_id = :code WHERE merchant_id = :id")
                .param("code", taken).param("id", fixtures.merchant(tree.pspId())).update();

        api.patch("/api/v1/merchants/" + tree.merchantId(), admin, json("name", "Version one"));
        int refused = api.patch("/api/v1/merchants/" + tree.merchantId(), admin, json("name", "Version two",
                "paypayMerchantId", taken)).status();

        assertThat(refused).isEqualTo(409);
        assertThat(version(tree.merchantId())).isEqualTo(1);
        String payload = jdbc.sql("SELECT payload FROM config_push WHERE merchant_id = :id AND version = 1")
                .param("id", tree.merchantId()).query(String.class).single();
        assertThat(payload).startsWith("v1.").doesNotContain("Version one");
        assertThat(ConfigPushes.version(jdbc, tree.merchantId(), 1).get("name").asString()).isEqualTo("Version one");
        assertThat(jdbc.sql("SELECT version || ' ' || url FROM config_delivery WHERE merchant_id = :id AND target ="
                + " 'pgw'").param("id", tree.merchantId()).query(String.class).single())
                .isEqualTo("1 " + environment.getProperty("mpac.pgw-url") + "/v1/sync/merchants");
    }

    @Test
    void shouldGiveConcurrentChangesDistinctVersionsWithTheNewestHoldingThemAll() throws Exception {
        Tree tree = fixtures.tree();
        String admin = fixtures.merchantAdmin(tree);
        List<Callable<String>> creates = IntStream.range(0, 5)
                .mapToObj(i -> (Callable<String>) () -> api.post("/api/v1/stores", admin, json("name", "S" + i,
                        "address", Map.of("line1", "Str. " + i, "city", "Chisinau", "country", "MD"),
                        "timezone", "UTC")).json().get("id").asString())
                .toList();

        List<String> stores = new ArrayList<>(List.of(tree.storeId()));
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (Future<String> id : pool.invokeAll(creates)) {
                stores.add(id.get());
            }
        }

        assertThat(version(tree.merchantId())).isEqualTo(5);
        List<String> pushed = new ArrayList<>();
        ConfigPushes.latest(jdbc, tree.merchantId()).get("stores").forEach(s -> pushed.add(s.get("store_id")
                .asString()));
        assertThat(pushed).containsExactlyInAnyOrderElementsOf(stores);
    }

    @Test
    void shouldAssembleAConfigurationTheReceiversAccept() {
        Tree tree = fixtures.tree();
        String admin = fixtures.pspAdmin(tree);
        String suffix = RegistryFixtures.unique("x").substring(3, 15);
        List<Integer> statuses = new ArrayList<>();
        statuses.add(api.patch("/api/v1/merchants/" + tree.merchantId(), admin, json("enabledProviders", List.of("PAYPAY",
                "LINEPAY", "MIA_POS", "MOBILEPAY", "VNPAY", "MAGENSA"), "paypayMerchantId", "pp" + suffix,
                "linepayMerchantId", "lp" + suffix, "miaIdno", "1003" + suffix, "vnpayTmnCode", "VN" + suffix,
                "magensaCustomerCode", "MC" + suffix)).status());
        statuses.add(api.patch("/api/v1/terminals/" + tree.terminalId(), admin, json("serialNumber", "SN-" + suffix,
                "providerTerminalIds", Map.of("MIA_POS", "T" + suffix))).status());
        statuses.add(api.post("/api/v1/merchants/" + tree.merchantId() + "/api-keys", admin, "{}").status());
        statuses.add(api.post("/api/v1/merchants/" + tree.merchantId() + "/api-users", admin, json("username", "api",
                "password", "a long enough passphrase")).status());
        assertThat(statuses).containsExactly(200, 200, 201, 201);

        MerchantConfiguration pushed = jsonMapper.treeToValue(ConfigPushes.latest(jdbc, tree.merchantId()),
                MerchantConfiguration.class);

        assertThat(validator.validate(pushed)).isEmpty();
        assertThat(pushed.version()).isEqualTo(4);
        assertThat(pushed.providers()).hasSize(6).allMatch(MerchantConfiguration.ProviderAccount::enabled);
        assertThat(pushed.stores().getFirst().terminals().getFirst().serialNumber()).isEqualTo("SN-" + suffix);
        assertThat(pushed.apiKeys()).hasSize(1);
        assertThat(pushed.apiUsers().getFirst().passwordHash()).startsWith("{bcrypt}");
        assertThat(pushed.webhookEndpoints()).isEmpty();
    }

    private long version(String merchantId) {
        return jdbc.sql("SELECT config_version FROM merchant WHERE merchant_id = :id").param("id", merchantId)
                .query(Long.class).single();
    }

    private long count(String table, String merchantId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE merchant_id = :id").param("id", merchantId)
                .query(Long.class).single();
    }
}
