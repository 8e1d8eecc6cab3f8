package com.mpac.pgw.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.pgw.support.TestMerchant;

import tools.jackson.databind.json.JsonMapper;

/**
 * What two gateway instances on one database rely on for reconciliation and hold expiry: concurrent claims never
 * hand the same row to both, and a reconciliation claim whose instance died lapses after its lease. The rows are due
 * in the far future, where these tests look and the running jobs do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mpac.sandbox-enabled=true")
class JobClaimIntegrationTests {

    private static final Instant FUTURE = Instant.now().plus(Duration.ofDays(3650));

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProviderTransactionRepository transactions;

    @Autowired
    PaymentIntentRepository intents;

    @Autowired
    TransactionTemplate tx;

    TestMerchant merchant;

    @BeforeEach
    void onboard() {
        merchant = TestMerchant.onboard(port, json, null);
    }

    /** Claims taken at the far-future "now" may include other tests' rows: hand those back to the live jobs. */
    @AfterEach
    void releaseFarFutureClaims() {
        jdbc.sql("UPDATE provider_transaction SET claimed_until = NULL WHERE claimed_until >= :future")
                .param("future", Timestamp.from(FUTURE)).update();
    }

    @Test
    void shouldHandEachPendingTransactionToExactlyOneOfTwoConcurrentReconcilers() throws Exception {
        List<String> pending = insertPendingTransactions(120);

        List<String> claimed = new ArrayList<>();
        List<Integer> perInstance = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    List<String> batch;
                    do {
                        batch = transactions.claimDue(FUTURE, Duration.ofMinutes(5), 7);
                        batch.stream().filter(pending::contains).forEach(mine::add);
                    }
                    while (!batch.isEmpty());
                    return mine;
                }));
            }
            for (Future<List<String>> result : results) {
                claimed.addAll(result.get());
                perInstance.add(result.get().size());
            }
        }

        assertThat(claimed).hasSize(120).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(pending);
        assertThat(perInstance).allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    void shouldHandAReconciliationClaimBackOnceItsLeaseHasLapsed() {
        List<String> pending = insertPendingTransactions(3);

        List<String> first = mine(transactions.claimDue(FUTURE, Duration.ofSeconds(30), 500), pending);
        List<String> whileHeld = mine(transactions.claimDue(FUTURE, Duration.ofSeconds(30), 500), pending);
        List<String> afterLease = mine(transactions.claimDue(FUTURE.plusSeconds(31), Duration.ofSeconds(30), 500),
                pending);

        assertThat(first).containsExactlyInAnyOrderElementsOf(pending);
        assertThat(whileHeld).isEmpty();
        assertThat(afterLease).containsExactlyInAnyOrderElementsOf(pending);
    }

    @Test
    void shouldGiveEachExpiredHoldToOnlyOneOfTwoConcurrentExpiryJobs() throws Exception {
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                    .get("id").asString();
            merchant.confirm(id, "sandbox", "pm_card_visa");
            holds.add(id);
        }
        jdbc.sql("UPDATE payment_intent SET capture_before = :due WHERE id IN (:ids)")
                .param("due", Timestamp.from(FUTURE.minus(Duration.ofDays(1)))).param("ids", holds).update();

        CountDownLatch bothLocked = new CountDownLatch(2);
        List<List<String>> lockedPerJob = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                // Each job holds its locks until both have claimed, as two instances' open transactions would.
                results.add(pool.submit(() -> tx.execute(status -> {
                    List<String> mine = intents.lockExpiredHolds(FUTURE, 10_000);
                    bothLocked.countDown();
                    await(bothLocked);
                    return mine;
                })));
            }
            for (Future<List<String>> result : results) {
                lockedPerJob.add(result.get());
            }
        }

        List<String> locked = new ArrayList<>(lockedPerJob.get(0));
        locked.addAll(lockedPerJob.get(1));
        assertThat(locked).doesNotHaveDuplicates().containsAll(holds);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The other job never claimed");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> mine(List<String> claimed, List<String> pending) {
        return claimed.stream().filter(pending::contains).toList();
    }

    /** Pending authorizations of one real intent, due a day before the far-future "now" of these tests. */
    private List<String> insertPendingTransactions(int count) {
        String intentId = merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}").get("id").asString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "txn_claim_" + intentId + "_" + i;
            jdbc.sql("""
                    INSERT INTO provider_transaction (id, payment_intent_id, merchant_id, kind, status, provider,
                                                      amount, currency, next_check_at)
                    VALUES (:id, :intent, :merchant, 'authorization', 'pending', 'sandbox', 100, 'JPY', :due)
                    """)
                    .param("id", id).param("intent", intentId).param("merchant", merchant.id())
                    .param("due", Timestamp.from(FUTURE.minus(Duration.ofDays(1)))).update();
            ids.add(id);
        }
        return ids;
    }
}
