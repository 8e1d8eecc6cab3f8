package com.mpac.portal.provisioning;

import static com.mpac.portal.provisioning.ProvisioningFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import tools.jackson.databind.JsonNode;

import com.mpac.portal.provisioning.ProvisioningFixtures.Place;
import com.mpac.portal.signing.HumanTokens;

/** Activation codes, activation and its status, over HTTP on a booted portal. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProvisioningIntegrationTests {

    static final String CODE_FORMAT = "^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$";
    static final String GENERATE = "/api/v1/device/provision/generateActivationCode";
    static final String ACTIVATE = "/api/v1/device/provision/activate";
    static final String STATUS = "/api/v1/device/provision/activationStatus?terminalId=";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HumanTokens humanTokens;

    @Autowired
    PasswordEncoder passwordEncoder;

    ProvisioningFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProvisioningFixtures(jdbc, humanTokens, port);
        fixtures.resetActivationThrottle();
    }

    @AfterEach
    void tearDown() {
        fixtures.resetActivationThrottle();
    }

    // --- generateActivationCode ---

    @Test
    void shouldGenerateASingleUseCodeExpiringInTenMinutesStoredOnlyAsAHash() {
        Place place = fixtures.newTerminal();
        Instant before = Instant.now();

        HttpResponse<String> response = generate(place.terminalId(), fixtures.merchantAdmin(place));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        String code = body.get("activationCode").asString();
        assertThat(code).matches(CODE_FORMAT);
        assertThat(body.get("terminalId").asString()).isEqualTo(place.terminalId());
        Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(10)).minusSeconds(5),
                Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(5));
        Map<String, Object> row = jdbc.sql("""
                SELECT code_hash, status, created_by FROM activation_code WHERE terminal_id = :id
                """).param("id", place.terminalId()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("created_by")).isEqualTo("usr_madm_" + place.merchantId());
        assertThat((String) row.get("code_hash")).hasSize(64).doesNotContain(code.replace("-", ""));
        assertThat(auditDetails("activation_code.generated", place.terminalId()))
                .doesNotContain(code).doesNotContain(code.replace("-", ""));
    }

    @Test
    void shouldInvalidateThePreviousPendingCodeWhenANewOneIsIssued() {
        Place place = fixtures.newTerminal();
        String first = fixtures.generateCode(place);
        String second = fixtures.generateCode(place);

        HttpResponse<String> withFirst = fixtures.activate(first, "SN-" + UUID.randomUUID());
        assertThat(withFirst.statusCode()).isEqualTo(400);
        assertThat(json(withFirst).get("code").asString()).isEqualTo("invalid_activation_code");
        assertThat(fixtures.terminalStatus(place.terminalId())).isEqualTo("PENDING");

        HttpResponse<String> withSecond = fixtures.activate(second, "SN-" + UUID.randomUUID());
        assertThat(withSecond.statusCode()).as(withSecond.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT status FROM activation_code WHERE terminal_id = :id ORDER BY created_at")
                .param("id", place.terminalId()).query(String.class).list()).containsExactly("REVOKED", "USED");
    }

    @Test
    void shouldLetEveryAdminRoleInScopeGenerateACode() {
        Place place = fixtures.newTerminal();
        assertThat(generate(place.terminalId(), fixtures.storeUser(place, "STORE_MANAGER")).statusCode())
                .isEqualTo(201);
        assertThat(generate(place.terminalId(), fixtures.tokens().pspAdmin("usr_padm", place.pspId())).statusCode())
                .isEqualTo(201);
        assertThat(generate(place.terminalId(), fixtures.tokens().platformAdmin("usr_root")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void shouldAnswerNotFoundForAnotherTenantsTerminal() {
        Place mine = fixtures.newTerminal();
        Place theirs = fixtures.newTerminal();
        Place otherStore = fixtures.anotherStore(mine);

        assertNotFound(generate(theirs.terminalId(), fixtures.merchantAdmin(mine)));
        assertNotFound(generate(theirs.terminalId(), fixtures.tokens().pspAdmin("usr_padm", mine.pspId())));
        assertNotFound(generate(otherStore.terminalId(), fixtures.storeUser(mine, "STORE_MANAGER")));
        assertNotFound(generate("ter_does_not_exist", fixtures.merchantAdmin(mine)));
        assertThat(jdbc.sql("SELECT count(*) FROM activation_code WHERE terminal_id IN (:a, :b)")
                .param("a", theirs.terminalId()).param("b", otherStore.terminalId()).query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldRefuseCashiersAnonymousCallersAndBadInput() {
        Place place = fixtures.newTerminal();

        HttpResponse<String> cashier = generate(place.terminalId(), fixtures.storeUser(place, "CASHIER"));
        assertThat(cashier.statusCode()).isEqualTo(403);
        assertThat(json(cashier).get("code").asString()).isEqualTo("forbidden");
        HttpResponse<String> anonymous = fixtures.postJson(GENERATE,
                "{\"terminalId\":\"" + place.terminalId() + "\"}", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("code").asString()).isEqualTo("unauthenticated");

        String admin = fixtures.merchantAdmin(place);
        assertProblem(fixtures.postJson(GENERATE, "{}", Map.of("Authorization", admin)), 400, "validation_failed");
        assertProblem(fixtures.postJson(GENERATE, "{\"terminalId\":", Map.of("Authorization", admin)), 400,
                "malformed_request");
        assertProblem(fixtures.postJson(GENERATE, "{\"terminalId\":[1]}", Map.of("Authorization", admin)), 400,
                "malformed_request");
        assertProblem(fixtures.postJson(GENERATE, "{\"terminalId\":\"" + "x".repeat(65) + "\"}",
                Map.of("Authorization", admin)), 400, "validation_failed");
        assertProblem(fixtures.postJson(GENERATE, "{\"terminalId\":\"" + place.terminalId() + "\"}",
                Map.of("Authorization", admin, "Idempotency-Key", "k-" + UUID.randomUUID())), 400,
                "idempotency_key_not_accepted");
        assertThat(jdbc.sql("SELECT count(*) FROM activation_code WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseACodeForADeactivatedTerminal() {
        Place place = fixtures.newTerminal();
        jdbc.sql("UPDATE terminal SET status = 'DISABLED' WHERE terminal_id = :id").param("id", place.terminalId())
                .update();

        assertProblem(generate(place.terminalId(), fixtures.merchantAdmin(place)), 409, "terminal_disabled");
    }

    // --- activate ---

    @Test
    void shouldBindTheTerminalAndAnswerItsCredentialsOnceWithOnlyTheSecretsHashStored() {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);
        String serial = "SN-" + UUID.randomUUID();

        HttpResponse<String> response = fixtures.postJson(ACTIVATE, """
                {"activationCode":"%s","serialNumber":"%s","model":"A920 Pro","appVersion":"3.4.1"}
                """.formatted(code.toLowerCase(), serial), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode body = json(response);
        assertThat(body.get("terminalId").asString()).isEqualTo(place.terminalId());
        assertThat(body.get("merchantId").asString()).isEqualTo(place.merchantId());
        assertThat(body.get("storeId").asString()).isEqualTo(place.storeId());
        assertThat(body.get("tokenEndpoint").asString())
                .isEqualTo("http://localhost:" + port + "/api/v1/auth/device/token");
        String clientId = body.get("clientId").asString();
        String secret = body.get("clientSecret").asString();
        assertThat(clientId).matches("^tc_[0-9a-f]{32}$");
        assertThat(secret).matches("^tcs_[A-Za-z0-9_-]{43}$");

        Map<String, Object> client = jdbc.sql("""
                SELECT client_id, client_secret, scopes, authorization_grant_types, client_authentication_methods
                FROM oauth2_registered_client WHERE id = :id
                """).param("id", place.terminalId()).query().singleRow();
        String stored = (String) client.get("client_secret");
        assertThat(client.get("client_id")).isEqualTo(clientId);
        assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(secret);
        assertThat(passwordEncoder.matches(secret, stored)).isTrue();
        assertThat(client.get("scopes")).isEqualTo("pos");
        assertThat(client.get("authorization_grant_types")).isEqualTo("client_credentials");
        assertThat((String) client.get("client_authentication_methods"))
                .contains("client_secret_basic").contains("client_secret_post");

        assertThat(fixtures.terminalStatus(place.terminalId())).isEqualTo("ACTIVE");
        Map<String, Object> device = jdbc.sql("""
                SELECT serial_number, model, app_version, client_id, activated_at FROM terminal_device
                WHERE terminal_id = :id
                """).param("id", place.terminalId()).query().singleRow();
        assertThat(device).containsEntry("serial_number", serial).containsEntry("model", "A920 Pro")
                .containsEntry("app_version", "3.4.1").containsEntry("client_id", clientId);
        assertThat(jdbc.sql("SELECT serial_number FROM terminal WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(String.class).single()).isEqualTo(serial);
        String audit = auditDetails("terminal.activated", place.terminalId());
        assertThat(audit).contains(clientId).contains(serial).doesNotContain(secret);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE details::text LIKE :secret")
                .param("secret", "%" + secret + "%").query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseAReusedCodeAndKeepTheFirstBinding() {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);
        HttpResponse<String> first = fixtures.activate(code, "SN-first-" + UUID.randomUUID());
        assertThat(first.statusCode()).isEqualTo(200);
        String clientId = json(first).get("clientId").asString();

        HttpResponse<String> again = fixtures.activate(code, "SN-second-" + UUID.randomUUID());

        assertProblem(again, 400, "invalid_activation_code");
        assertThat(json(again).has("clientSecret")).isFalse();
        assertThat(jdbc.sql("SELECT client_id FROM oauth2_registered_client WHERE id = :id")
                .param("id", place.terminalId()).query(String.class).single()).isEqualTo(clientId);
        assertThat(jdbc.sql("SELECT serial_number FROM terminal_device WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(String.class).single()).startsWith("SN-first-");
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentActivationsWithTheSameCodeWin() throws Exception {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<HttpResponse<String>>> both = pool.invokeAll(List.of(
                    () -> fixtures.activate(code, "SN-a-" + UUID.randomUUID()),
                    () -> fixtures.activate(code, "SN-b-" + UUID.randomUUID())));
            statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> response : both) {
                statuses.add(response.get().statusCode());
            }
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 400);
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE id = :id")
                .param("id", place.terminalId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnExpiredCodeAndBindNothing() {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);
        expireCodes(place.terminalId());

        assertProblem(fixtures.activate(code, "SN-" + UUID.randomUUID()), 400, "invalid_activation_code");

        assertNothingBound(place.terminalId());
    }

    @Test
    void shouldRefuseAWrongCodeAndBindNothing() {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);
        String wrong = code.startsWith("2") ? "3" + code.substring(1) : "2" + code.substring(1);

        assertProblem(fixtures.activate(wrong, "SN-" + UUID.randomUUID()), 400, "invalid_activation_code");
        assertProblem(fixtures.activate("O0I1-L000", "SN-" + UUID.randomUUID()), 400, "invalid_activation_code");

        assertNothingBound(place.terminalId());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE type = 'terminal.activation_failed'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void shouldRefuseBadActivationInputWithoutSpendingTheCode() {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);

        assertProblem(fixtures.postJson(ACTIVATE, "{\"activationCode\":\"" + code + "\"}", Map.of()), 400,
                "validation_failed");
        assertProblem(fixtures.postJson(ACTIVATE, "{\"activationCode\":\"" + code + "\",", Map.of()), 400,
                "malformed_request");
        assertProblem(fixtures.postJson(ACTIVATE, """
                {"activationCode":"%s","serialNumber":"SN\\u0000x","model":"m","appVersion":"1"}
                """.formatted(code), Map.of()), 400, "validation_failed");
        assertProblem(fixtures.postJson(ACTIVATE, """
                {"activationCode":"%s","serialNumber":"%s","model":"m","appVersion":"1"}
                """.formatted(code, "S".repeat(101)), Map.of()), 400, "validation_failed");
        assertProblem(fixtures.postJson(ACTIVATE, """
                {"activationCode":"%s","serialNumber":"SN 1","model":"m","appVersion":"1"}
                """.formatted(code), Map.of()), 400, "validation_failed");
        assertProblem(fixtures.postJson(ACTIVATE, """
                {"activationCode":"%s","serialNumber":"SN","model":"m\\u0007","appVersion":"1"}
                """.formatted(code), Map.of()), 400, "validation_failed");
        assertProblem(fixtures.postJson(ACTIVATE, """
                {"activationCode":"%s","serialNumber":"SN","model":{"a":1},"appVersion":"1"}
                """.formatted(code), Map.of()), 400, "malformed_request");

        assertNothingBound(place.terminalId());
        assertThat(fixtures.activate(code, "SN-" + UUID.randomUUID()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldThrottleGuessingFromOneAddressWithRetryAfterEvenForTheRightCode() {
        Place place = fixtures.newTerminal();
        String code = fixtures.generateCode(place);

        HttpResponse<String> response = null;
        int attempts = 0;
        do {
            attempts++;
            response = fixtures.activate(guess(attempts), "SN-guess");
        }
        while (response.statusCode() == 400 && attempts < 30);

        assertThat(attempts).isEqualTo(11);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).get("code").asString()).isEqualTo("too_many_requests");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 300L);

        HttpResponse<String> right = fixtures.activate(code, "SN-" + UUID.randomUUID());
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertNothingBound(place.terminalId());
    }

    @Test
    void shouldThrottleGuessesAtOneCodePrefixFromManyAddresses() {
        for (int i = 0; i < 20; i++) {
            assertThat(fixtures.activate("ZZ" + guess(i).substring(2), "SN-guess").statusCode()).isEqualTo(400);
            // As if each guess came from another address: only the prefix bucket keeps counting.
            jdbc.sql("DELETE FROM throttle_bucket WHERE bucket_key LIKE 'activation:ip:%'").update();
        }

        HttpResponse<String> samePrefix = fixtures.activate("ZZ22-2222", "SN-guess");
        HttpResponse<String> otherPrefix = fixtures.activate("YY22-2222", "SN-guess");

        assertThat(samePrefix.statusCode()).isEqualTo(429);
        assertThat(samePrefix.headers().firstValue("Retry-After")).isPresent();
        assertThat(otherPrefix.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseADeviceOtherThanTheOneRegisteredForTheTerminal() {
        Place place = fixtures.newTerminal();
        String registered = "SN-REG-" + UUID.randomUUID();
        jdbc.sql("UPDATE terminal SET serial_number = :serial WHERE terminal_id = :id")
                .param("serial", registered).param("id", place.terminalId()).update();
        String code = fixtures.generateCode(place);

        assertProblem(fixtures.activate(code, "SN-OTHER"), 409, "serial_number_mismatch");
        assertNothingBound(place.terminalId());
        assertThat(jdbc.sql("SELECT status FROM activation_code WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(String.class).single()).isEqualTo("PENDING");

        assertThat(fixtures.activate(code, registered).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseADeviceStillBoundToAnotherTerminal() {
        Place first = fixtures.newTerminal();
        Place second = fixtures.anotherTerminal(first);
        String serial = "SN-" + UUID.randomUUID();
        assertThat(fixtures.activate(fixtures.generateCode(first), serial).statusCode()).isEqualTo(200);

        assertProblem(fixtures.activate(fixtures.generateCode(second), serial), 409, "serial_number_in_use");

        assertNothingBound(second.terminalId());
    }

    // --- activationStatus ---

    @Test
    void shouldReportPendingThenActivated() {
        Place place = fixtures.newTerminal();
        String admin = fixtures.merchantAdmin(place);
        HttpResponse<String> generated = generate(place.terminalId(), admin);
        String code = json(generated).get("activationCode").asString();
        String expiresAt = json(generated).get("expiresAt").asString();

        JsonNode pending = json(status(place.terminalId(), admin));
        assertThat(pending.get("terminalId").asString()).isEqualTo(place.terminalId());
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(Instant.parse(pending.get("expiresAt").asString())).isEqualTo(Instant.parse(expiresAt));
        assertThat(pending.get("activatedAt").isNull()).isTrue();

        assertThat(fixtures.activate(code, "SN-" + UUID.randomUUID()).statusCode()).isEqualTo(200);

        JsonNode activated = json(status(place.terminalId(), fixtures.storeUser(place, "STORE_MANAGER")));
        assertThat(activated.get("status").asString()).isEqualTo("ACTIVATED");
        assertThat(Instant.parse(activated.get("activatedAt").asString()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
    }

    @Test
    void shouldReportExpiredOnceTheCodeLapsedOrWasRevoked() {
        Place place = fixtures.newTerminal();
        String admin = fixtures.merchantAdmin(place);
        fixtures.generateCode(place);
        expireCodes(place.terminalId());

        assertThat(json(status(place.terminalId(), admin)).get("status").asString()).isEqualTo("EXPIRED");

        fixtures.generateCode(place);
        assertThat(json(status(place.terminalId(), admin)).get("status").asString()).isEqualTo("PENDING");
        assertThat(fixtures.postJson("/api/v1/terminals/" + place.terminalId() + "/deactivate", "",
                Map.of("Authorization", admin)).statusCode()).isEqualTo(200);
        assertThat(json(status(place.terminalId(), admin)).get("status").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void shouldGuardActivationStatusLikeCodeGeneration() {
        Place place = fixtures.newTerminal();
        Place theirs = fixtures.newTerminal();
        fixtures.generateCode(theirs);
        String admin = fixtures.merchantAdmin(place);

        assertProblem(status(place.terminalId(), admin), 404, "not_found"); // no code issued yet
        assertProblem(status(theirs.terminalId(), admin), 404, "not_found");
        assertProblem(status(place.terminalId(), fixtures.storeUser(place, "CASHIER")), 403, "forbidden");
        assertProblem(fixtures.get(STATUS + place.terminalId(), Map.of()), 401, "unauthenticated");
        assertProblem(fixtures.get("/api/v1/device/provision/activationStatus", Map.of("Authorization", admin)),
                400, "validation_failed");
        assertProblem(fixtures.get(STATUS + "x".repeat(65), Map.of("Authorization", admin)), 400,
                "validation_failed");
    }

    @Test
    void shouldKeepTheRestOfTheProvisioningPathsClosed() {
        Place place = fixtures.newTerminal();
        String admin = fixtures.merchantAdmin(place);

        assertThat(fixtures.get("/api/v1/device/provision/activate", Map.of()).statusCode()).isEqualTo(401);
        assertThat(fixtures.postJson("/api/v1/device/provision/other", "{}", Map.of("Authorization", admin))
                .statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> generate(String terminalId, String bearer) {
        return fixtures.postJson(GENERATE, "{\"terminalId\":\"" + terminalId + "\"}", Map.of("Authorization", bearer));
    }

    private HttpResponse<String> status(String terminalId, String bearer) {
        return fixtures.get(STATUS + terminalId, Map.of("Authorization", bearer));
    }

    private void expireCodes(String terminalId) {
        jdbc.sql("""
                UPDATE activation_code SET created_at = created_at - interval '11 minutes',
                    expires_at = expires_at - interval '11 minutes'
                WHERE terminal_id = :id
                """).param("id", terminalId).update();
    }

    private void assertNothingBound(String terminalId) {
        assertThat(fixtures.terminalStatus(terminalId)).isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE id = :id").param("id", terminalId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM terminal_device WHERE terminal_id = :id").param("id", terminalId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM activation_code WHERE terminal_id = :id AND status = 'USED'")
                .param("id", terminalId).query(Long.class).single()).isZero();
    }

    private String auditDetails(String type, String subjectId) {
        return jdbc.sql("SELECT details::text FROM audit_event WHERE type = :type AND subject_id = :subject")
                .param("type", type).param("subject", subjectId).query(String.class).single();
    }

    /** A well-formed code no test issued (issued codes are random; these collide with one in 10^11). */
    private static String guess(int n) {
        String digits = String.format("%08d", n).replace('0', 'A').replace('1', 'B');
        return digits.substring(0, 4) + "-" + digits.substring(4);
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo(code);
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertProblem(response, 404, "not_found");
    }
}
