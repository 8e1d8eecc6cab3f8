package com.mpac.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Failed logins are throttled per account and per client address. This context's policy (see
 * {@link AuthTestSupport}): 3 failures per account and 6 per address lock for 3 s, doubling up to 6 s. The failure
 * that reaches the limit is itself answered 429.
 */
class AuthThrottleIntegrationTests extends AuthTestSupport {

    @Test
    void shouldLockAnAccountAfterRepeatedFailuresWith429AndRetryAfter() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        for (int i = 0; i < 2; i++) {
            assertThat(client.post("/api/v1/auth/user/login", loginJson(user.email(), "wrong password " + i))
                    .status()).isEqualTo(401);
        }
        assertThat(client.post("/api/v1/auth/user/login", loginJson(user.email(), "third wrong password")).status())
                .isEqualTo(429);

        // Even the right password, from another address: the account is locked, not just the address.
        AuthTestClient.Response locked = client().post("/api/v1/auth/user/login",
                loginJson(user.email(), user.password()));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("too_many_requests");
        assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(locked.json().get("retryAfter").asLong()).isEqualTo(Long.parseLong(locked.header("Retry-After")));
    }

    @Test
    void shouldThrottleAnUnknownAccountExactlyLikeAKnownOne() {
        TestUser user = merchantAdmin();
        String unknown = "ghost-" + unique() + "@example.test";
        AuthTestClient client = client();
        AuthTestClient other = client();
        for (int i = 0; i < 3; i++) {
            client.post("/api/v1/auth/user/login", loginJson(user.email(), "wrong password " + i));
            other.post("/api/v1/auth/user/login", loginJson(unknown, "wrong password " + i));
        }

        AuthTestClient.Response known = client().post("/api/v1/auth/user/login", loginJson(user.email(), "guess"));
        AuthTestClient.Response ghost = client().post("/api/v1/auth/user/login", loginJson(unknown, "guess"));

        assertThat(known.status()).isEqualTo(429);
        assertThat(ghost.status()).isEqualTo(429);
        assertThat(Long.parseLong(ghost.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(Long.parseLong(known.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(ghost.code()).isEqualTo(known.code());
        assertThat(ghost.json().get("detail").asString()).isEqualTo(known.json().get("detail").asString());
    }

    @Test
    void shouldLockAClientAddressTryingManyAccounts() {
        AuthTestClient attacker = client();
        for (int i = 0; i < 6; i++) {
            assertThat(attacker.post("/api/v1/auth/user/login",
                    loginJson("victim-" + unique() + "@example.test", "Password123!")).status())
                    .isEqualTo(i < 5 ? 401 : 429);
        }
        TestUser bystander = merchantAdmin();

        AuthTestClient.Response fromAttacker = attacker.post("/api/v1/auth/user/login",
                loginJson(bystander.email(), bystander.password()));

        assertThat(fromAttacker.status()).isEqualTo(429);
        assertThat(fromAttacker.header("Retry-After")).isNotBlank();
        // The same account from another address is not affected.
        assertThat(client().post("/api/v1/auth/user/login", loginJson(bystander.email(), bystander.password()))
                .status()).isEqualTo(200);
    }

    @Test
    void shouldNotBeFooledByXForwardedForIntoThrottlingAnotherAddress() {
        AuthTestClient attacker = client();
        for (int i = 0; i < 6; i++) {
            attacker.post("/api/v1/auth/user/login", loginJson("victim-" + unique() + "@example.test", "Pass!"),
                    null, Map.of("X-Forwarded-For", "10.9.8." + i));
        }

        assertThat(attacker.post("/api/v1/auth/user/login", loginJson("x-" + unique() + "@example.test", "Pass!"))
                .status()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT count(*) FROM throttle_bucket WHERE bucket_key LIKE 'login:ip:10.9.8.%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldNotLetABurstOfConcurrentGuessesPastTheLimit() throws Exception {
        TestUser user = merchantAdmin();
        int guesses = 16;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String password = "wrong password " + i;
                AuthTestClient from = client();
                answers.add(pool.submit(() -> {
                    start.await();
                    return from.post("/api/v1/auth/user/login", loginJson(user.email(), password)).status();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        // All passed the first check together; only those that failed before the limit was reached say "wrong",
        // every other answer is 429, so the burst tells the attacker no more than two guesses would.
        assertThat(statuses).hasSize(guesses).allMatch(status -> status == 401 || status == 429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).isLessThanOrEqualTo(2);
        assertThat(client().post("/api/v1/auth/user/login", loginJson(user.email(), user.password())).status())
                .isEqualTo(429);
    }

    @Test
    void shouldLetTheRealUserBackInOnceTheShortLockEnds() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        for (int i = 0; i < 3; i++) {
            client.post("/api/v1/auth/user/login", loginJson(user.email(), "wrong password " + i));
        }
        assertThat(client().post("/api/v1/auth/user/login", loginJson(user.email(), user.password())).status())
                .isEqualTo(429);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(client().post("/api/v1/auth/user/login", loginJson(user.email(), user.password()))
                        .status()).isEqualTo(200));

        // Success cleared the account's count: one new failure does not lock it again.
        assertThat(client.post("/api/v1/auth/user/login", loginJson(user.email(), "wrong again")).status())
                .isEqualTo(401);
        assertThat(client().post("/api/v1/auth/user/login", loginJson(user.email(), user.password())).status())
                .isEqualTo(200);
    }
}
