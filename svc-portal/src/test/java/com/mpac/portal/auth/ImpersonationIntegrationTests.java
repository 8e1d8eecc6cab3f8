package com.mpac.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ImpersonationIntegrationTests extends AuthTestSupport {

    private static final String PATH = "/api/v1/auth/admin/impersonate";
    private static final String REASON = "Ticket 4711: merchant cannot see yesterday's terminals";

    private static String request(String userId, String reason, Integer minutes) {
        return "{\"userId\":\"" + userId + "\",\"reason\":\"" + reason + "\""
                + (minutes == null ? "" : ",\"durationMinutes\":" + minutes) + "}";
    }

    @Test
    void shouldAnswerAShortLivedTokenForTheUserNamingTheAdminAsActor() throws Exception {
        TestUser admin = platformAdmin();
        TestUser target = user("STORE_MANAGER", "ACTIVE");
        AuthTestClient client = client();
        String adminToken = login(client, admin).field("accessToken");

        AuthTestClient.Response response = client.post(PATH, request(target.userId(), REASON, 15), bearer(adminToken));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("refreshToken")).isFalse();
        assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.get("userId").asString()).isEqualTo(target.userId());
        assertThat(body.get("act").get("sub").asString()).isEqualTo(admin.userId());
        assertThat(body.get("expiresIn").asLong()).isBetween(1L, 900L);
        JWTClaimsSet claims = verifyHumanToken(body.get("accessToken").asString());
        assertThat(claims.getSubject()).isEqualTo(target.userId());
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", admin.userId()));
        assertThat(stringList(claims, "roles")).containsExactly("STORE_MANAGER");
        assertThat(claims.getStringClaim("store_id")).isEqualTo(target.storeId());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isPositive().isLessThanOrEqualTo(15 * 60 * 1000L);
        Map<String, Object> audit = jdbc.sql("""
                SELECT actor_id, merchant_id, client_ip, details->>'reason' AS reason, details->>'tokenId' AS jti
                FROM audit_event WHERE type = 'impersonation.started' AND subject_id = :id
                """).param("id", target.userId()).query().singleRow();
        assertThat(audit).containsEntry("actor_id", admin.userId()).containsEntry("reason", REASON)
                .containsEntry("merchant_id", target.merchantId()).containsEntry("client_ip", client.address())
                .containsEntry("jti", claims.getJWTID());

        JsonNode me = client.get("/api/v1/auth/user/me", bearer(body.get("accessToken").asString())).json();
        assertThat(me.get("userId").asString()).isEqualTo(target.userId());
        assertThat(me.get("impersonation").asBoolean()).isTrue();
        assertThat(me.get("act").get("sub").asString()).isEqualTo(admin.userId());
    }

    @Test
    void shouldHonourAShorterDuration() throws Exception {
        TestUser admin = platformAdmin();
        TestUser target = merchantAdmin();
        AuthTestClient client = client();
        String adminToken = login(client, admin).field("accessToken");

        AuthTestClient.Response response = client.post(PATH, request(target.userId(), REASON, 2), bearer(adminToken));

        assertThat(response.json().get("expiresIn").asLong()).isBetween(110L, 120L);
        JWTClaimsSet claims = verifyHumanToken(response.field("accessToken"));
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(120_000L);
    }

    @Test
    void shouldLetOnlyPlatformAdminsImpersonate() {
        TestUser target = user("CASHIER", "ACTIVE");
        TestUser merchantAdmin = merchantAdmin();
        AuthTestClient client = client();
        String merchantToken = login(client, merchantAdmin).field("accessToken");

        AuthTestClient.Response asMerchantAdmin = client.post(PATH, request(target.userId(), REASON, 5),
                bearer(merchantToken));
        AuthTestClient.Response anonymous = client.post(PATH, request(target.userId(), REASON, 5));

        assertThat(asMerchantAdmin.status()).isEqualTo(403);
        assertThat(asMerchantAdmin.code()).isEqualTo("forbidden");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(countAudit("impersonation.started", target.userId())).isZero();
    }

    @Test
    void shouldNotLetAnImpersonationTokenOrADisabledAdminImpersonate() {
        TestUser admin = platformAdmin();
        TestUser target = merchantAdmin();
        TestUser other = merchantAdmin();
        AuthTestClient client = client();
        String adminToken = login(client, admin).field("accessToken");
        String impersonation = client.post(PATH, request(target.userId(), REASON, 5), bearer(adminToken))
                .field("accessToken");

        assertThat(client.post(PATH, request(other.userId(), REASON, 5), bearer(impersonation)).status())
                .isEqualTo(403);
        disable(admin);
        AuthTestClient.Response disabledAdmin = client.post(PATH, request(other.userId(), REASON, 5),
                bearer(adminToken));
        assertThat(disabledAdmin.status()).isEqualTo(403);
        assertThat(countAudit("impersonation.started", other.userId())).isZero();
    }

    @Test
    void shouldRefuseToImpersonateAPlatformAdminADisabledOrAnUnknownUser() {
        TestUser admin = platformAdmin();
        TestUser otherAdmin = platformAdmin();
        TestUser disabled = merchantAdmin();
        disable(disabled);
        AuthTestClient client = client();
        String adminToken = login(client, admin).field("accessToken");

        AuthTestClient.Response anotherAdmin = client.post(PATH, request(otherAdmin.userId(), REASON, 5),
                bearer(adminToken));
        AuthTestClient.Response self = client.post(PATH, request(admin.userId(), REASON, 5), bearer(adminToken));
        AuthTestClient.Response disabledUser = client.post(PATH, request(disabled.userId(), REASON, 5),
                bearer(adminToken));
        AuthTestClient.Response unknown = client.post(PATH, request("usr_" + unique(), REASON, 5), bearer(adminToken));

        assertThat(anotherAdmin.status()).isEqualTo(403);
        assertThat(self.status()).isEqualTo(403);
        assertThat(disabledUser.status()).isEqualTo(409);
        assertThat(disabledUser.code()).isEqualTo("user_disabled");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(countAudit("impersonation.started", otherAdmin.userId())).isZero();
        assertThat(countAudit("impersonation.started", disabled.userId())).isZero();
    }

    @Test
    void shouldRequireAReasonAndABoundedDuration() {
        TestUser admin = platformAdmin();
        TestUser target = merchantAdmin();
        AuthTestClient client = client();
        String adminToken = login(client, admin).field("accessToken");

        for (String body : new String[] { "{\"userId\":\"" + target.userId() + "\"}",
                request(target.userId(), "too short", 5), request(target.userId(), "          x         ", 5),
                request(target.userId(), "x".repeat(501), 5), request(target.userId(), REASON, 16),
                request(target.userId(), REASON, 0), "{\"userId\":\"" + target.userId() + "\",\"reason\":\"" + REASON
                        + "\",\"durationMinutes\":\"soon\"}", "{\"reason\":\"" + REASON + "\"}", "{" }) {
            AuthTestClient.Response response = client.post(PATH, body, bearer(adminToken));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(countAudit("impersonation.started", target.userId())).isZero();
    }
}
