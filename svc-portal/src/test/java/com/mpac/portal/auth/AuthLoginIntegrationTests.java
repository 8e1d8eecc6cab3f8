package com.mpac.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class AuthLoginIntegrationTests extends AuthTestSupport {

    @Test
    void shouldAnswerATokenPairWhoseAccessTokenVerifiesAgainstTheHumanJwks() throws Exception {
        TestUser user = merchantAdmin();

        AuthTestClient.Response response = login(client(), user);

        JsonNode body = response.json();
        assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isBetween(590L, 600L);
        assertThat(body.get("refreshToken").asString()).startsWith("rt_").hasSizeGreaterThan(40);
        assertThat(body.has("mfaRequired")).isFalse();
        assertThat(response.header("Cache-Control")).contains("no-store");
        JWTClaimsSet claims = verifyHumanToken(body.get("accessToken").asString());
        assertThat(claims.getSubject()).isEqualTo(user.userId());
        assertThat(stringList(claims, "roles")).containsExactly("MERCHANT_ADMIN");
        assertThat(stringList(claims, "amr")).containsExactly("pwd");
        assertThat(claims.getStringClaim("psp_id")).isEqualTo(user.pspId());
        assertThat(claims.getStringClaim("merchant_id")).isEqualTo(user.merchantId());
        assertThat(claims.getClaim("store_id")).isNull();
        assertThat(claims.getClaim("act")).isNull();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000L);
        assertThat(countAudit("login.succeeded", user.userId())).isEqualTo(1);
    }

    @Test
    void shouldTreatTheEmailCaseInsensitively() {
        TestUser user = user("CASHIER", "ACTIVE");

        AuthTestClient.Response response = client().post("/api/v1/auth/user/login",
                loginJson("  " + user.email().toUpperCase(Locale.ROOT) + " ", user.password()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.field("accessToken")).isNotBlank();
    }

    @Test
    void shouldAnswerUnknownEmailWrongPasswordAndDisabledAccountIdentically() {
        TestUser user = merchantAdmin();
        TestUser disabled = merchantAdmin();
        disable(disabled);

        AuthTestClient.Response unknown = client().post("/api/v1/auth/user/login",
                loginJson("nobody-" + unique() + "@example.test", PASSWORD));
        AuthTestClient.Response wrongPassword = client().post("/api/v1/auth/user/login",
                loginJson(user.email(), "not the right password"));
        AuthTestClient.Response disabledAccount = client().post("/api/v1/auth/user/login",
                loginJson(disabled.email(), disabled.password()));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("invalid_credentials");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(disabledAccount.status()).isEqualTo(401);
        assertThat(wrongPassword.text()).isEqualTo(unknown.text());
        assertThat(disabledAccount.text()).isEqualTo(unknown.text());
        assertThat(wrongPassword.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
        assertThat(unknown.text()).doesNotContain("nobody-").doesNotContain(PASSWORD);
        assertThat(countAudit("login.failed", user.userId())).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT details->>'reason' FROM audit_event WHERE type = 'login.failed' AND subject_id = :id
                """)
                .param("id", disabled.userId()).query(String.class).single()).isEqualTo("disabled");
    }

    @Test
    void shouldSpendAsLongOnAnUnknownEmailAsOnAWrongPassword() {
        // Without the dummy hash an unknown email would answer in a few milliseconds, a wrong password in ~50+.
        long unknownFastest = Long.MAX_VALUE;
        long wrongFastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            TestUser user = merchantAdmin();
            long start = System.nanoTime();
            assertThat(client().post("/api/v1/auth/user/login", loginJson(user.email(), "wrong password!")).status())
                    .isEqualTo(401);
            wrongFastest = Math.min(wrongFastest, System.nanoTime() - start);
            start = System.nanoTime();
            assertThat(client().post("/api/v1/auth/user/login", loginJson("x" + unique() + "@example.test",
                    "wrong password!")).status()).isEqualTo(401);
            unknownFastest = Math.min(unknownFastest, System.nanoTime() - start);
        }
        assertThat(unknownFastest).isGreaterThan(wrongFastest / 2);
    }

    @Test
    void shouldRefuseBadInputWith400AndWriteNothing() {
        AuthTestClient client = client();
        List<String> bodies = List.of("{", "not json", "", "{}", "{\"email\":\"a@b.c\"}", "{\"password\":\"x\"}",
                "{\"email\":[\"a@b.c\"],\"password\":\"x\"}", "{\"email\":\"a@b.c\",\"password\":{\"x\":1}}",
                "{\"email\":\"a@b.c\",\"password\":null}", "{\"email\":\"\",\"password\":\"x\"}",
                "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(2000) + "\"}",
                "{\"email\":\"" + "x".repeat(400) + "@b.c\",\"password\":\"x\"}", "[]");
        for (String body : bodies) {
            AuthTestClient.Response response = client.post("/api/v1/auth/user/login", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isIn("malformed_request", "validation_failed");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE client_ip = :ip").param("ip", client.address())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM throttle_bucket WHERE bucket_key LIKE :key")
                .param("key", "%:ip:" + client.address()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRecordTheClientAddressFromTheConnectionNotFromXForwardedFor() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();

        AuthTestClient.Response response = client.post("/api/v1/auth/user/login",
                loginJson(user.email(), user.password()), null, java.util.Map.of("X-Forwarded-For", "203.0.113.9"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT client_ip FROM audit_event WHERE type = 'login.succeeded' AND subject_id = :id")
                .param("id", user.userId()).query(String.class).single()).isEqualTo(client.address());
    }

    @Test
    void shouldTellWhoIsCallingFromTheToken() {
        TestUser user = user("STORE_MANAGER", "ACTIVE");
        AuthTestClient client = client();
        String token = login(client, user).field("accessToken");

        AuthTestClient.Response me = client.get("/api/v1/auth/user/me", bearer(token));

        assertThat(me.status()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.get("userId").asString()).isEqualTo(user.userId());
        assertThat(body.get("email").asString()).isEqualTo(user.email());
        assertThat(body.get("roles").get(0).asString()).isEqualTo("STORE_MANAGER");
        assertThat(body.get("storeId").asString()).isEqualTo(user.storeId());
        assertThat(body.get("merchantId").asString()).isEqualTo(user.merchantId());
        assertThat(body.get("amr").get(0).asString()).isEqualTo("pwd");
        assertThat(body.get("impersonation").asBoolean()).isFalse();
        assertThat(body.get("mfaEnabled").asBoolean()).isFalse();
        assertThat(body.has("act")).isFalse();
    }

    @Test
    void shouldRequireAValidHumanTokenForTheOwnAccountRoutes() {
        AuthTestClient client = client();

        assertThat(client.get("/api/v1/auth/user/me", null).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/auth/user/me", "Bearer not.a.jwt").status()).isEqualTo(401);
        assertThat(client.post("/api/v1/auth/user/password", "{}", null).status()).isEqualTo(401);
        assertThat(client.post("/api/v1/auth/user/mfa/enrol", "{}", null).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/auth/user/me", null).code()).isEqualTo("unauthenticated");
    }

    @Test
    void shouldChangeThePasswordAndEndEverySession() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String refreshToken = login(client, user).field("refreshToken");
        String accessToken = login(client, user).field("accessToken");
        String newPassword = "a brand new passphrase";

        AuthTestClient.Response changed = client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"" + user.password() + "\",\"newPassword\":\"" + newPassword + "\"}",
                bearer(accessToken));

        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        assertThat(client.post("/api/v1/auth/user/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}").code())
                .isEqualTo("invalid_refresh_token");
        assertThat(client.post("/api/v1/auth/user/login", loginJson(user.email(), user.password())).status())
                .isEqualTo(401);
        assertThat(client.post("/api/v1/auth/user/login", loginJson(user.email(), newPassword)).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT details->>'sessionsRevoked' FROM audit_event WHERE type = 'password.changed' "
                + "AND subject_id = :id").param("id", user.userId()).query(String.class).single()).isEqualTo("2");
        assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE user_id = :id").param("id", user.userId())
                .query(String.class).single()).startsWith("{bcrypt}$2").doesNotContain(newPassword);
    }

    @Test
    void shouldRefuseAPasswordChangeWithAWrongCurrentPasswordOrAWeakNewOne() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String accessToken = login(client, user).field("accessToken");

        AuthTestClient.Response wrongCurrent = client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"not my password\",\"newPassword\":\"a brand new passphrase\"}",
                bearer(accessToken));
        AuthTestClient.Response tooShort = client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"" + user.password() + "\",\"newPassword\":\"short\"}", bearer(accessToken));
        AuthTestClient.Response tooLongForBcrypt = client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"" + user.password() + "\",\"newPassword\":\"" + "é".repeat(40) + "\"}",
                bearer(accessToken));
        AuthTestClient.Response same = client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"" + user.password() + "\",\"newPassword\":\"" + user.password() + "\"}",
                bearer(accessToken));
        AuthTestClient.Response missing = client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"" + user.password() + "\"}", bearer(accessToken));

        assertThat(wrongCurrent.status()).isEqualTo(422);
        assertThat(wrongCurrent.code()).isEqualTo("invalid_current_password");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(tooLongForBcrypt.status()).isEqualTo(400);
        assertThat(same.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(client.post("/api/v1/auth/user/login", loginJson(user.email(), user.password())).status())
                .isEqualTo(200);
    }

    @Test
    void shouldDescribeEveryLoginRouteInTheOpenApiDocument() {
        JsonNode paths = client().get("/v3/api-docs", null).json().get("paths");

        assertThat(paths.propertyNames()).contains("/api/v1/auth/user/login", "/api/v1/auth/user/mfa/verify",
                "/api/v1/auth/user/mfa/enrol", "/api/v1/auth/user/mfa/enrol/qr.png",
                "/api/v1/auth/user/mfa/enrol/confirm", "/api/v1/auth/user/mfa/recovery-codes",
                "/api/v1/auth/user/mfa/disable", "/api/v1/auth/user/mfa", "/api/v1/auth/user/refresh",
                "/api/v1/auth/user/logout", "/api/v1/auth/user/password", "/api/v1/auth/user/me",
                "/api/v1/auth/admin/impersonate");
        assertThat(paths.get("/api/v1/auth/user/login").get("post").get("summary").asString())
                .isEqualTo("Log in with email and password");
    }

    @Test
    void shouldAcceptPasswordsTheLengthPolicyAllowsOnly() {
        PasswordPolicy policy = new PasswordPolicy();

        assertThat(policy.violation("x".repeat(11))).isPresent();
        assertThat(policy.violation("x".repeat(12))).isEmpty();
        assertThat(policy.violation("x".repeat(72))).isEmpty();
        assertThat(policy.violation("x".repeat(73))).isPresent();
        assertThat(policy.violation(" ".repeat(20))).isPresent();
        assertThat(policy.violation(null)).isPresent();
    }
}
