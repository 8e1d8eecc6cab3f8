package com.mpac.portal.provisioning;

import static com.mpac.portal.provisioning.ProvisioningFixtures.clientCredentials;
import static com.mpac.portal.provisioning.ProvisioningFixtures.json;
import static com.mpac.portal.provisioning.ProvisioningIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import tools.jackson.databind.JsonNode;

import com.mpac.portal.provisioning.ProvisioningFixtures.Credentials;
import com.mpac.portal.provisioning.ProvisioningFixtures.Place;
import com.mpac.portal.signing.HumanTokens;

/** A terminal's credentials rotation, deactivation and reactivation, with their authorization matrix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeviceCredentialsIntegrationTests {

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

    @Test
    void shouldRotateTheSecretShowingItOnceAndStoringOnlyItsHash() {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        Instant before = Instant.now();

        HttpResponse<String> response = rotate(place, fixtures.storeUser(place, "STORE_MANAGER"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode body = json(response);
        String secret = body.get("clientSecret").asString();
        assertThat(body.get("terminalId").asString()).isEqualTo(place.terminalId());
        assertThat(body.get("clientId").asString()).isEqualTo(credentials.clientId());
        assertThat(body.get("tokenEndpoint").asString()).isEqualTo(credentials.tokenEndpoint());
        assertThat(Instant.parse(body.get("rotatedAt").asString())).isBetween(before.minusSeconds(1),
                Instant.now().plusSeconds(1));
        String stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE id = :id")
                .param("id", place.terminalId()).query(String.class).single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(secret);
        assertThat(passwordEncoder.matches(secret, stored)).isTrue();
        assertThat(passwordEncoder.matches(credentials.clientSecret(), stored)).isFalse();
        assertThat(jdbc.sql("SELECT credentials_rotated_at FROM terminal_device WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(Instant.class).optional()).isPresent();
        String audit = jdbc.sql("""
                SELECT details::text FROM audit_event WHERE type = 'terminal.credentials_rotated' AND subject_id = :id
                """).param("id", place.terminalId()).query(String.class).single();
        assertThat(audit).contains(credentials.clientId()).doesNotContain(secret);
    }

    @Test
    void shouldRefuseToRotateATerminalWithoutCredentials() {
        Place place = fixtures.newTerminal();

        assertProblem(rotate(place, fixtures.merchantAdmin(place)), 409, "terminal_not_activated");
    }

    @Test
    void shouldRefuseAnIdempotencyKeyOnRotationSoTheSecretIsNeverStoredForReplay() {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        String key = "rotate-" + UUID.randomUUID();

        HttpResponse<String> response = fixtures.postJson(path(place, "/credentials/rotate"), "",
                Map.of("Authorization", fixtures.merchantAdmin(place), "Idempotency-Key", key));

        assertProblem(response, 400, "idempotency_key_not_accepted");
        assertThat(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(), clientCredentials())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDeactivateDeletingTheCredentialsAndRevokingPendingCodes() {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        String pendingCode = fixtures.generateCode(place);

        HttpResponse<String> response = fixtures.postJson(path(place, "/deactivate"), "",
                Map.of("Authorization", fixtures.merchantAdmin(place)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("terminalId").asString()).isEqualTo(place.terminalId());
        assertThat(json(response).get("status").asString()).isEqualTo("DISABLED");
        assertThat(fixtures.terminalStatus(place.terminalId())).isEqualTo("DISABLED");
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE id = :id")
                .param("id", place.terminalId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT client_id FROM terminal_device WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(String.class).optional()).isEmpty();
        assertProblem(fixtures.activate(pendingCode, "SN-" + UUID.randomUUID()), 400, "invalid_activation_code");
        assertThat(json(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(),
                clientCredentials())).get("error").asString()).isEqualTo("invalid_client");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_event WHERE type = 'terminal.deactivated' AND subject_id = :id
                  AND actor_id = :actor
                """).param("id", place.terminalId()).param("actor", "usr_madm_" + place.merchantId())
                .query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> again = fixtures.postJson(path(place, "/deactivate"), "",
                Map.of("Authorization", fixtures.merchantAdmin(place)));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asString()).isEqualTo("DISABLED");
    }

    @Test
    void shouldReactivateAsPendingSoTheTerminalIsProvisionedAgain() {
        Place place = fixtures.newTerminal();
        Credentials old = fixtures.activatedTerminal(place);
        String admin = fixtures.merchantAdmin(place);
        assertThat(fixtures.postJson(path(place, "/deactivate"), "", Map.of("Authorization", admin)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> response = fixtures.postJson(path(place, "/reactivate"), "",
                Map.of("Authorization", admin));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("PENDING");
        assertThat(fixtures.terminalStatus(place.terminalId())).isEqualTo("PENDING");
        assertThat(json(fixtures.tokenWithBasic(old.clientId(), old.clientSecret(), clientCredentials()))
                .get("error").asString()).isEqualTo("invalid_client");
        String serial = jdbc.sql("SELECT serial_number FROM terminal WHERE terminal_id = :id")
                .param("id", place.terminalId()).query(String.class).single();
        HttpResponse<String> activated = fixtures.activate(fixtures.generateCode(place), serial);
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(json(activated).get("clientId").asString()).isNotEqualTo(old.clientId());

        assertProblem(fixtures.postJson(path(place, "/reactivate"), "", Map.of("Authorization", admin)), 409,
                "terminal_not_disabled");
    }

    @Test
    void shouldGuardCredentialRoutesByRoleAndTenant() {
        Place place = fixtures.newTerminal();
        Credentials credentials = fixtures.activatedTerminal(place);
        Place other = fixtures.newTerminal();
        Place otherStore = fixtures.anotherStore(place);

        for (String action : new String[] { "/credentials/rotate", "/deactivate", "/reactivate" }) {
            assertProblem(fixtures.postJson(path(place, action), "", Map.of()), 401, "unauthenticated");
            assertProblem(fixtures.postJson(path(place, action), "",
                    Map.of("Authorization", fixtures.storeUser(place, "CASHIER"))), 403, "forbidden");
            assertProblem(fixtures.postJson(path(place, action), "",
                    Map.of("Authorization", fixtures.merchantAdmin(other))), 404, "not_found");
            assertProblem(fixtures.postJson(path(place, action), "",
                    Map.of("Authorization", fixtures.tokens().pspAdmin("usr_p", other.pspId()))), 404, "not_found");
            assertProblem(fixtures.postJson(path(place, action), "",
                    Map.of("Authorization", fixtures.storeUser(otherStore, "STORE_MANAGER"))), 404, "not_found");
        }
        assertProblem(fixtures.postJson("/api/v1/terminals/ter_missing/deactivate", "",
                Map.of("Authorization", fixtures.tokens().platformAdmin("usr_root"))), 404, "not_found");
        assertProblem(fixtures.postJson("/api/v1/terminals/" + "x".repeat(65) + "/deactivate", "",
                Map.of("Authorization", fixtures.tokens().platformAdmin("usr_root"))), 400, "validation_failed");

        assertThat(fixtures.terminalStatus(place.terminalId())).isEqualTo("ACTIVE");
        assertThat(fixtures.tokenWithBasic(credentials.clientId(), credentials.clientSecret(), clientCredentials())
                .statusCode()).isEqualTo(200);
        HttpResponse<String> platform = rotate(place, fixtures.tokens().platformAdmin("usr_root"));
        assertThat(platform.statusCode()).isEqualTo(200);
        HttpResponse<String> psp = rotate(place, fixtures.tokens().pspAdmin("usr_p", place.pspId()));
        assertThat(psp.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> rotate(Place place, String bearer) {
        return fixtures.postJson(path(place, "/credentials/rotate"), "", Map.of("Authorization", bearer));
    }

    private static String path(Place place, String action) {
        return "/api/v1/terminals/" + place.terminalId() + action;
    }
}
