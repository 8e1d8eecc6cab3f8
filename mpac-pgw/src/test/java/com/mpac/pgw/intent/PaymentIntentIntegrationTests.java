package com.mpac.pgw.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.pgw.support.TestMerchant;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mpac.sandbox-enabled=true")
class PaymentIntentIntegrationTests {

    private static final String INTENTS = "/v1/payment_intents";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    TestMerchant merchant;
    TestMerchant other;

    @BeforeEach
    void onboard() {
        merchant = TestMerchant.onboard(port, json, null);
        other = TestMerchant.onboard(port, json, null);
    }

    @Test
    void shouldCreateAnIntentWithEverythingAMerchantSends() {
        HttpResponse<String> response = merchant.post(INTENTS, """
                {"amount":1500,"currency":"JPY","capture_method":"manual","merchant_reference":"order-77",
                 "description":"Two lattes","metadata":{"table":"12"},"store_id":"%s","terminal_id":"%s"}
                """.formatted(merchant.storeId(), merchant.terminalId()));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode intent = json.readTree(response.body());
        assertThat(intent.get("id").asString()).startsWith("pi_");
        assertThat(intent.get("object").asString()).isEqualTo("payment_intent");
        assertThat(intent.get("amount").asLong()).isEqualTo(1500);
        assertThat(intent.get("currency").asString()).isEqualTo("JPY");
        assertThat(intent.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(intent.get("capture_method").asString()).isEqualTo("manual");
        assertThat(intent.get("client_secret").asString()).startsWith(intent.get("id").asString() + "_secret_");
        assertThat(intent.get("metadata").get("table").asString()).isEqualTo("12");
        assertThat(intent.get("store_id").asString()).isEqualTo(merchant.storeId());
        assertThat(intent.get("amount_capturable").asLong()).isZero();
        assertThat(intent.get("amount_received").asLong()).isZero();
        assertThat(intent.get("last_payment_error").isNull()).isTrue();
        assertThat(intent.get("created").asLong()).isPositive();
        String storedSecret = jdbc.sql("SELECT client_secret FROM payment_intent WHERE id = :id")
                .param("id", intent.get("id").asString()).query(String.class).single();
        assertThat(storedSecret).doesNotContain("_secret_");
    }

    @Test
    void shouldPayAutomaticallyWithTheSandboxCard() {
        JsonNode created = merchant.createIntent("{\"amount\":2599,\"currency\":\"USD\"}");

        JsonNode paid = merchant.confirm(created.get("id").asString(), "sandbox", "pm_card_visa");

        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("amount_received").asLong()).isEqualTo(2599);
        assertThat(paid.get("provider").asString()).isEqualTo("sandbox");
        JsonNode transactions = json.readTree(merchant.get(INTENTS + "/" + created.get("id").asString()
                + "/transactions").body()).get("data");
        assertThat(transactions).hasSize(1);
        assertThat(transactions.get(0).get("kind").asString()).isEqualTo("authorization");
        assertThat(transactions.get(0).get("status").asString()).isEqualTo("succeeded");
        assertThat(transactions.get(0).get("amount").asLong()).isEqualTo(2599);
        assertThat(transactions.get(0).get("provider_reference").asString()).startsWith("txn_");
        assertThat(transactions.get(0).get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldHoldCaptureInPartAndRefundInPartsButNeverBeyondWhatWasReceived() {
        String id = merchant.createIntent("{\"amount\":10000,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        JsonNode held = merchant.confirm(id, "sandbox", "pm_card_visa");
        assertThat(held.get("status").asString()).isEqualTo("requires_capture");
        assertThat(held.get("amount_capturable").asLong()).isEqualTo(10000);
        assertThat(held.get("capture_before").asLong()).isGreaterThan(held.get("created").asLong() + 6 * 86400);

        HttpResponse<String> tooMuch = merchant.post(INTENTS + "/" + id + "/capture", "{\"amount_to_capture\":10001}");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("\"code\":\"amount_too_large\"");

        HttpResponse<String> captured = merchant.post(INTENTS + "/" + id + "/capture", "{\"amount_to_capture\":8000}");
        assertThat(captured.statusCode()).isEqualTo(200);
        JsonNode after = json.readTree(captured.body());
        assertThat(after.get("status").asString()).isEqualTo("succeeded");
        assertThat(after.get("amount_received").asLong()).isEqualTo(8000);
        assertThat(after.get("amount_capturable").asLong()).isZero();

        HttpResponse<String> first = merchant.post(INTENTS + "/" + id + "/refund", "{\"amount\":3000}");
        HttpResponse<String> second = merchant.post(INTENTS + "/" + id + "/refund",
                "{\"amount\":4000,\"reason\":\"requested_by_customer\"}");
        HttpResponse<String> over = merchant.post(INTENTS + "/" + id + "/refund", "{\"amount\":1001}");
        HttpResponse<String> rest = merchant.post(INTENTS + "/" + id + "/refund", "{}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json.readTree(first.body()).get("status").asString()).isEqualTo("succeeded");
        assertThat(json.readTree(first.body()).get("id").asString()).startsWith("re_");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body()).contains("\"amount_refundable\":1000");
        assertThat(rest.statusCode()).isEqualTo(201);
        assertThat(json.readTree(rest.body()).get("amount").asLong()).isEqualTo(1000);
        JsonNode done = merchant.read(id);
        assertThat(done.get("amount_refunded").asLong()).isEqualTo(8000);
        JsonNode kinds = json.readTree(merchant.get(INTENTS + "/" + id + "/transactions").body()).get("data");
        assertThat(kinds).extracting(t -> t.get("kind").asString())
                .containsExactly("authorization", "capture", "refund", "refund", "refund");
    }

    @Test
    void shouldReturnADeclinedIntentToRequiresPaymentMethodAndLetItBePaidAgain() {
        String id = merchant.createIntent("{\"amount\":500,\"currency\":\"DKK\"}").get("id").asString();

        JsonNode declined = merchant.confirm(id, "sandbox", "pm_card_declined");

        assertThat(declined.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(declined.get("last_payment_error").get("code").asString()).isEqualTo("card_declined");
        assertThat(declined.get("last_payment_error").get("provider").asString()).isEqualTo("sandbox");
        JsonNode paid = merchant.confirm(id, "sandbox", "pm_card_visa");
        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("last_payment_error").isNull()).isTrue();
    }

    @Test
    void shouldAnswerIllegalTransitionsWith409AndTheCurrentStatus() {
        String id = merchant.createIntent("{\"amount\":700,\"currency\":\"JPY\"}").get("id").asString();
        HttpResponse<String> captureUnpaid = merchant.post(INTENTS + "/" + id + "/capture", "{}");
        HttpResponse<String> refundUnpaid = merchant.post(INTENTS + "/" + id + "/refund", "{}");
        merchant.confirm(id, "sandbox", "pm_card_visa");
        HttpResponse<String> confirmAgain = merchant.post(INTENTS + "/" + id + "/confirm",
                "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}");
        HttpResponse<String> cancelPaid = merchant.post(INTENTS + "/" + id + "/cancel", "{}");

        assertThat(captureUnpaid.statusCode()).isEqualTo(409);
        assertThat(captureUnpaid.body()).contains("\"payment_intent_status\":\"requires_payment_method\"")
                .contains("\"code\":\"payment_intent_unexpected_state\"");
        assertThat(refundUnpaid.statusCode()).isEqualTo(409);
        assertThat(confirmAgain.statusCode()).isEqualTo(409);
        assertThat(confirmAgain.body()).contains("\"payment_intent_status\":\"succeeded\"");
        assertThat(cancelPaid.statusCode()).isEqualTo(409);
        assertThat(merchant.read(id).get("amount_received").asLong()).isEqualTo(700);
    }

    @Test
    void shouldCancelBeforePaymentAndReleaseAHold() {
        String unpaid = merchant.createIntent("{\"amount\":300,\"currency\":\"JPY\"}").get("id").asString();
        String held = merchant.createIntent("{\"amount\":300,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        merchant.confirm(held, "sandbox", "pm_card_visa");

        HttpResponse<String> first = merchant.post(INTENTS + "/" + unpaid + "/cancel",
                "{\"cancellation_reason\":\"abandoned\"}");
        HttpResponse<String> second = merchant.post(INTENTS + "/" + held + "/cancel", "{}");

        assertThat(json.readTree(first.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(json.readTree(first.body()).get("cancellation_reason").asString()).isEqualTo("abandoned");
        JsonNode released = json.readTree(second.body());
        assertThat(released.get("status").asString()).isEqualTo("canceled");
        assertThat(released.get("amount_capturable").asLong()).isZero();
        assertThat(released.get("canceled_at").asLong()).isPositive();
        JsonNode transactions = json.readTree(merchant.get(INTENTS + "/" + held + "/transactions").body()).get("data");
        assertThat(transactions.get(1).get("kind").asString()).isEqualTo("cancel");
        assertThat(transactions.get(1).get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void shouldRespectEachCurrencysExponentAndRefuseBadAmountsAndCurrencies() {
        List<String> bad = List.of(
                "{\"amount\":-1,\"currency\":\"JPY\"}",
                "{\"amount\":0,\"currency\":\"JPY\"}",
                "{\"amount\":100000000000,\"currency\":\"JPY\"}",
                "{\"amount\":10.5,\"currency\":\"USD\"}",
                "{\"amount\":\"1500\",\"currency\":\"JPY\"}",
                "{\"amount\":1500,\"currency\":\"XXX\"}",
                "{\"amount\":1500,\"currency\":\"jpy\"}",
                "{\"amount\":1500}",
                "{\"amount\":1500,\"currency\":\"JPY\",\"capture_method\":\"later\"}",
                "{\"amount\":1500,\"currency\":\"JPY\",\"capture_methd\":\"manual\"}",
                "{\"amount\":1500,");
        bad.forEach(body -> {
            HttpResponse<String> response = merchant.post(INTENTS, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        });
        HttpResponse<String> foreignStore = merchant.post(INTENTS,
                "{\"amount\":1,\"currency\":\"JPY\",\"store_id\":\"" + other.storeId() + "\"}");
        assertThat(foreignStore.statusCode()).isEqualTo(400);
        assertThat(foreignStore.body()).contains("store_id");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_intent WHERE merchant_id = :m")
                .param("m", merchant.id()).query(Long.class).single()).isZero();

        assertThat(merchant.createIntent("{\"amount\":1,\"currency\":\"VND\"}").get("currency").asString())
                .isEqualTo("VND");
        assertThat(merchant.createIntent("{\"amount\":1,\"currency\":\"MDL\"}").get("amount").asLong()).isEqualTo(1);
    }

    @Test
    void shouldHideOneMerchantsIntentsFromAnother() {
        String id = merchant.createIntent("{\"amount\":900,\"currency\":\"JPY\"}").get("id").asString();

        for (HttpResponse<String> response : List.of(other.get(INTENTS + "/" + id),
                other.get(INTENTS + "/" + id + "/transactions"),
                other.post(INTENTS + "/" + id + "/confirm", "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}"),
                other.post(INTENTS + "/" + id + "/cancel", "{}"),
                other.post(INTENTS + "/" + id + "/capture", "{}"),
                other.post(INTENTS + "/" + id + "/refund", "{}"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"code\":\"not_found\"");
        }
        assertThat(json.readTree(other.get(INTENTS).body()).get("data")).isEmpty();
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_payment_method");
    }

    @Test
    void shouldLetTheClientSecretOpenItsOwnIntentOnlyAndOnlyTheFrontendRoutes() {
        JsonNode created = merchant.createIntent("{\"amount\":1200,\"currency\":\"JPY\"}");
        String id = created.get("id").asString();
        String secret = created.get("client_secret").asString();
        String otherId = merchant.createIntent("{\"amount\":1,\"currency\":\"JPY\"}").get("id").asString();
        TestHttp browser = TestHttp.localhost(port);
        Map<String, String> withSecret = Map.of(ClientSecrets.HEADER, secret, "Idempotency-Key", "k-" + id);

        HttpResponse<String> read = browser.get(INTENTS + "/" + id, withSecret);
        HttpResponse<String> readOther = browser.get(INTENTS + "/" + otherId, withSecret);
        HttpResponse<String> list = browser.get(INTENTS, withSecret);
        HttpResponse<String> capture = browser.post(INTENTS + "/" + id + "/capture", "{}", withSecret);
        HttpResponse<String> wrong = browser.get(INTENTS + "/" + id,
                Map.of(ClientSecrets.HEADER, id + "_secret_guessedguessedguessedguess"));
        HttpResponse<String> none = browser.get(INTENTS + "/" + id);
        HttpResponse<String> confirm = browser.post(INTENTS + "/" + id + "/confirm",
                "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}", withSecret);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json.readTree(read.body()).get("client_secret").asString()).isEqualTo(secret);
        assertThat(readOther.statusCode()).isEqualTo(404);
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(capture.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(json.readTree(confirm.body()).get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void shouldLetSmartTabActForAMerchantOnlyWhenItNamesOne() {
        String body = "{\"amount\":450,\"currency\":\"JPY\",\"store_id\":\"" + merchant.storeId()
                + "\",\"terminal_id\":\"" + merchant.terminalId() + "\"}";
        TestHttp http = TestHttp.localhost(port);
        Map<String, String> headers = new java.util.HashMap<>(merchant.signedBySmartTab("POST", INTENTS, body));
        headers.put("Idempotency-Key", "smarttab-1-" + merchant.id());

        HttpResponse<String> created = http.post(INTENTS, body, headers);
        headers.remove(com.mpac.contracts.hmac.HmacHeaders.ON_BEHALF_OF);
        Map<String, String> unnamed = new java.util.HashMap<>(merchant.signedBySmartTab("POST", INTENTS, body));
        unnamed.remove(com.mpac.contracts.hmac.HmacHeaders.ON_BEHALF_OF);
        unnamed.put("Idempotency-Key", "smarttab-2-" + merchant.id());
        HttpResponse<String> withoutMerchant = http.post(INTENTS, body, unnamed);

        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(merchant.read(id).get("merchant_id").asString()).isEqualTo(merchant.id());
        assertThat(withoutMerchant.statusCode()).isEqualTo(400);
        JsonNode byStore = json.readTree(merchant.get(INTENTS + "?store_id=" + merchant.storeId()).body());
        assertThat(byStore.get("data")).extracting(i -> i.get("id").asString()).containsExactly(id);
        JsonNode byTerminal = json.readTree(merchant.get(INTENTS + "?terminal_id=" + merchant.terminalId()).body());
        assertThat(byTerminal.get("data")).extracting(i -> i.get("id").asString()).containsExactly(id);
        assertThat(json.readTree(merchant.get(INTENTS + "?terminal_id=tm_elsewhere").body()).get("data")).isEmpty();
    }

    @Test
    void shouldAwaitConfirmationWhenTheProviderIsChosenAtCreation() {
        JsonNode created = merchant.createIntent("""
                {"amount":1200,"currency":"JPY","provider":"sandbox","payment_method":"pm_card_visa"}""");

        assertThat(created.get("status").asString()).isEqualTo("requires_confirmation");
        String id = created.get("id").asString();
        HttpResponse<String> confirmed = merchant.post(INTENTS + "/" + id + "/confirm", "{}");

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(confirmed.body()).get("status").asString()).isEqualTo("succeeded");
        assertThat(merchant.read(id).get("amount_received").asLong()).isEqualTo(1200);
        HttpResponse<String> unknownMethod = merchant.post(INTENTS, """
                {"amount":1200,"currency":"JPY","provider":"sandbox","payment_method":"pm_card_gold"}""");
        assertThat(unknownMethod.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldPageNewestFirstAndFilter() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(merchant.createIntent("{\"amount\":" + (100 + i) + ",\"currency\":\"JPY\"}").get("id").asString());
        }
        merchant.confirm(ids.get(1), "sandbox", "pm_card_visa");
        merchant.confirm(ids.get(3), "sandbox", "pm_card_visa");

        JsonNode page1 = json.readTree(merchant.get(INTENTS + "?limit=2").body());
        String last = page1.get("data").get(1).get("id").asString();
        JsonNode page2 = json.readTree(merchant.get(INTENTS + "?limit=2&starting_after=" + last).body());
        JsonNode page3 = json.readTree(merchant.get(INTENTS + "?limit=2&starting_after="
                + page2.get("data").get(1).get("id").asString()).body());
        JsonNode back = json.readTree(merchant.get(INTENTS + "?limit=2&ending_before="
                + page2.get("data").get(0).get("id").asString()).body());
        JsonNode succeeded = json.readTree(merchant.get(INTENTS + "?status=succeeded").body());

        assertThat(page1.get("data")).extracting(i -> i.get("id").asString()).containsExactly(ids.get(4), ids.get(3));
        assertThat(page1.get("has_more").asBoolean()).isTrue();
        assertThat(page2.get("data")).extracting(i -> i.get("id").asString()).containsExactly(ids.get(2), ids.get(1));
        assertThat(page3.get("data")).extracting(i -> i.get("id").asString()).containsExactly(ids.get(0));
        assertThat(page3.get("has_more").asBoolean()).isFalse();
        assertThat(back.get("data")).extracting(i -> i.get("id").asString()).containsExactly(ids.get(4), ids.get(3));
        assertThat(succeeded.get("data")).extracting(i -> i.get("id").asString())
                .containsExactly(ids.get(3), ids.get(1));
        long now = java.time.Instant.now().getEpochSecond();
        assertThat(json.readTree(merchant.get(INTENTS + "?created_gte=" + (now + 60)).body()).get("data")).isEmpty();
        assertThat(json.readTree(merchant.get(INTENTS + "?created_lte=" + (now + 60) + "&limit=100").body())
                .get("data")).hasSize(5);
        for (String query : List.of("?limit=0", "?limit=101", "?limit=x", "?status=paid",
                "?starting_after=pi_unknown", "?starting_after=" + ids.get(0) + "&ending_before=" + ids.get(1),
                "?created_gte=-5")) {
            assertThat(merchant.get(INTENTS + query).statusCode()).as(query).isEqualTo(400);
        }
    }

    @Test
    void shouldReplayARetriedCreateAndRefuseTheKeyForAnotherBody() {
        String body = "{\"amount\":1500,\"currency\":\"JPY\"}";

        HttpResponse<String> first = merchant.post(INTENTS, body, "retry-me");
        HttpResponse<String> replay = merchant.post(INTENTS, body, "retry-me");
        HttpResponse<String> different = merchant.post(INTENTS, "{\"amount\":1600,\"currency\":\"JPY\"}", "retry-me");
        HttpResponse<String> missing = merchant.post(INTENTS, body, null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_intent WHERE merchant_id = :m")
                .param("m", merchant.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldAnswer409ToARetryWhileTheFirstCaptureIsStillRunning() throws Exception {
        String id = merchant.createIntent("{\"amount\":900,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        merchant.confirm(id, "sandbox", "pm_card_visa");
        String key = "capture-" + id;
        Future<HttpResponse<String>> first;
        HttpResponse<String> retry;
        // Holding the intent's row lock keeps the first capture in flight, deterministically.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement(
                    "SELECT id FROM payment_intent WHERE id = ? FOR UPDATE")) {
                select.setString(1, id);
                select.executeQuery().close();
            }
            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                first = pool.submit(() -> merchant.post(INTENTS + "/" + id + "/capture", "{}", key));
                await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT state FROM idempotency_key WHERE idempotency_key = :k").param("k", key)
                        .query(String.class).optional().orElse("NONE"), "IN_FLIGHT"::equals);

                retry = merchant.post(INTENTS + "/" + id + "/capture", "{}", key);
                lock.rollback();

                assertThat(first.get().statusCode()).isEqualTo(200);
            }
        }

        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.body()).contains("\"code\":\"idempotency_key_in_flight\"");
        HttpResponse<String> later = merchant.post(INTENTS + "/" + id + "/capture", "{}", key);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(merchant.read(id).get("amount_received").asLong()).isEqualTo(900);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM provider_transaction WHERE payment_intent_id = :id AND kind = 'capture'
                """).param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldNeverRefundMoreThanReceivedUnderConcurrentRefunds() throws Exception {
        String id = merchant.createIntent("{\"amount\":1000,\"currency\":\"JPY\"}").get("id").asString();
        merchant.confirm(id, "sandbox", "pm_card_visa");

        List<Callable<Integer>> refunds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refunds.add(() -> merchant.post(INTENTS + "/" + id + "/refund", "{\"amount\":300}").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(refunds)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(5);
        assertThat(merchant.read(id).get("amount_refunded").asLong()).isEqualTo(900);
        assertThat(jdbc.sql("SELECT sum(amount) FROM refund WHERE payment_intent_id = :id AND status = 'succeeded'")
                .param("id", id).query(Long.class).single()).isEqualTo(900);
    }

    @Test
    void shouldCaptureOnceUnderConcurrentCaptures() throws Exception {
        String id = merchant.createIntent("{\"amount\":1000,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        merchant.confirm(id, "sandbox", "pm_card_visa");

        List<Callable<Integer>> captures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            captures.add(() -> merchant.post(INTENTS + "/" + id + "/capture", "{\"amount_to_capture\":600}")
                    .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> status : pool.invokeAll(captures)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertThat(merchant.read(id).get("amount_received").asLong()).isEqualTo(600);
    }

    @Test
    void shouldRefuseUnknownProvidersMethodsAndDisabledProviders() {
        String id = merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}").get("id").asString();

        HttpResponse<String> unknown = merchant.post(INTENTS + "/" + id + "/confirm",
                "{\"provider\":\"bitcoin\",\"payment_method\":\"x\"}");
        HttpResponse<String> notEnabled = merchant.post(INTENTS + "/" + id + "/confirm",
                "{\"provider\":\"paypay\",\"payment_method\":\"paypay_qr\"}");
        HttpResponse<String> badMethod = merchant.post(INTENTS + "/" + id + "/confirm",
                "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_amex\"}");
        HttpResponse<String> nothing = merchant.post(INTENTS + "/" + id + "/confirm", "{}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(notEnabled.statusCode()).isEqualTo(400);
        assertThat(notEnabled.body()).contains("\"code\":\"provider_not_enabled\"");
        assertThat(badMethod.body()).contains("\"code\":\"payment_method_not_supported\"");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_transaction WHERE payment_intent_id = :id")
                .param("id", id).query(Long.class).single()).isZero();
    }
}
