package com.mpac.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import com.mpac.portal.auth.AuthTestClient;
import com.mpac.portal.auth.AuthTestSupport;

class SessionRefreshIntegrationTests extends AuthTestSupport {

    private static String refreshJson(String token) {
        return "{\"refreshToken\":\"" + token + "\"}";
    }

    @Test
    void shouldRotateTheRefreshTokenOnEveryUse() throws Exception {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        AuthTestClient.Response first = login(client, user);

        AuthTestClient.Response second = client.post("/api/v1/auth/user/refresh",
                refreshJson(first.field("refreshToken")));

        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.field("tokenType")).isEqualTo("Bearer");
        assertThat(second.json().get("expiresIn").asLong()).isBetween(590L, 600L);
        assertThat(second.field("refreshToken")).startsWith("rt_").isNotEqualTo(first.field("refreshToken"));
        assertThat(second.field("accessToken")).isNotEqualTo(first.field("accessToken"));
        assertThat(second.header("Cache-Control")).contains("no-store");
        JWTClaimsSet claims = verifyHumanToken(second.field("accessToken"));
        assertThat(claims.getSubject()).isEqualTo(user.userId());
        assertThat(stringList(claims, "amr")).containsExactly("pwd");
        assertThat(stringList(claims, "roles")).containsExactly("MERCHANT_ADMIN");
        AuthTestClient.Response third = client.post("/api/v1/auth/user/refresh",
                refreshJson(second.field("refreshToken")));
        assertThat(third.status()).isEqualTo(200);
        // Only hashes are stored.
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE token_hash = :t")
                .param("t", third.field("refreshToken")).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRevokeTheWholeFamilyWhenARotatedTokenIsReused() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String stolen = login(client, user).field("refreshToken");
        String current = client.post("/api/v1/auth/user/refresh", refreshJson(stolen)).field("refreshToken");
        String latest = client.post("/api/v1/auth/user/refresh", refreshJson(current)).field("refreshToken");
        String otherSession = login(client, user).field("refreshToken");

        AuthTestClient.Response replay = client().post("/api/v1/auth/user/refresh", refreshJson(stolen));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("invalid_refresh_token");
        AuthTestClient.Response legitimate = client.post("/api/v1/auth/user/refresh", refreshJson(latest));
        assertThat(legitimate.status()).isEqualTo(401);
        assertThat(legitimate.code()).isEqualTo("invalid_refresh_token");
        assertThat(jdbc.sql("SELECT revoked_reason FROM refresh_family WHERE user_id = :id AND revoked_at IS NOT NULL")
                .param("id", user.userId()).query(String.class).list()).containsExactly("reused");
        assertThat(countAudit("refresh.reused", user.userId())).isEqualTo(1);
        // Another login of the same user is another family, untouched.
        assertThat(client.post("/api/v1/auth/user/refresh", refreshJson(otherSession)).status()).isEqualTo(200);
    }

    @Test
    void shouldEndTheSessionOnLogout() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String first = login(client, user).field("refreshToken");
        String rotated = client.post("/api/v1/auth/user/refresh", refreshJson(first)).field("refreshToken");
        String otherSession = login(client, user).field("refreshToken");

        AuthTestClient.Response logout = client.post("/api/v1/auth/user/logout", refreshJson(rotated));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(client.post("/api/v1/auth/user/refresh", refreshJson(rotated)).code())
                .isEqualTo("invalid_refresh_token");
        assertThat(countAudit("logout", user.userId())).isEqualTo(1);
        assertThat(client.post("/api/v1/auth/user/refresh", refreshJson(otherSession)).status()).isEqualTo(200);
        // Logging out again, or with a token nobody knows, is harmless and says nothing.
        assertThat(client.post("/api/v1/auth/user/logout", refreshJson(rotated)).status()).isEqualTo(204);
        assertThat(client.post("/api/v1/auth/user/logout", refreshJson("rt_unknown")).status()).isEqualTo(204);
        assertThat(countAudit("logout", user.userId())).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheRefreshTokenOfADisabledUser() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String refreshToken = login(client, user).field("refreshToken");
        disable(user);

        AuthTestClient.Response refused = client.post("/api/v1/auth/user/refresh", refreshJson(refreshToken));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("invalid_refresh_token");
        assertThat(jdbc.sql("SELECT revoked_reason FROM refresh_family WHERE user_id = :id")
                .param("id", user.userId()).query(String.class).single()).isEqualTo("user_disabled");
    }

    @Test
    void shouldExpireARefreshTokenLeftUnusedForSevenDays() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String refreshToken = login(client, user).field("refreshToken");

        clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(client.post("/api/v1/auth/user/refresh", refreshJson(refreshToken)).code())
                .isEqualTo("invalid_refresh_token");
    }

    @Test
    void shouldEndAFamilyAfterThirtyDaysHoweverOftenItIsRefreshed() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String refreshToken = login(client, user).field("refreshToken");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofDays(6));
            AuthTestClient.Response refreshed = client.post("/api/v1/auth/user/refresh", refreshJson(refreshToken));
            assertThat(refreshed.status()).as("refresh after %d days", (i + 1) * 6).isEqualTo(200);
            refreshToken = refreshed.field("refreshToken");
        }

        clock.advance(Duration.ofDays(6));

        assertThat(client.post("/api/v1/auth/user/refresh", refreshJson(refreshToken)).code())
                .isEqualTo("invalid_refresh_token");
    }

    @Test
    void shouldRefuseBadRefreshInputWith400() {
        AuthTestClient client = client();

        for (String body : new String[] { "{", "{}", "{\"refreshToken\":\"\"}", "{\"refreshToken\":[\"x\"]}",
                "{\"refreshToken\":\"" + "x".repeat(300) + "\"}" }) {
            assertThat(client.post("/api/v1/auth/user/refresh", body).status()).as(body).isEqualTo(400);
            assertThat(client.post("/api/v1/auth/user/logout", body).status()).as(body).isEqualTo(400);
        }
        assertThat(client.post("/api/v1/auth/user/refresh", refreshJson("rt_made_up")).code())
                .isEqualTo("invalid_refresh_token");
    }
}
