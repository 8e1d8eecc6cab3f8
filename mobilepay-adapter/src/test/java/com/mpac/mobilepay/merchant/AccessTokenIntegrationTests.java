package com.mpac.mobilepay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

class AccessTokenIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldCreateTheTokenOnceAndStoreOnlyItsHash() {
        Merchant m = api().onboardWithoutToken();

        JsonNode token = api().ok(api().raw("GET", "/api/pos/manage/token?bioCode=" + m.bioCode(), null, Map.of()));
        HttpResponse<String> again = api().raw("GET", "/api/pos/manage/token?bioCode=" + m.bioCode(), null, Map.of());

        String accessToken = token.get("accessToken").asString();
        assertThat(token.get("bioCode").asString()).isEqualTo(m.bioCode());
        assertThat(accessToken).startsWith("mpt_").hasSize(44);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api().json(again).get("code").asString()).isEqualTo("AccessTokenAlreadyExists");
        String stored = jdbc.sql("SELECT access_token_hash FROM merchant WHERE merchant_id = :m")
                .param("m", m.id()).query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain(accessToken);
        assertThat(api().get(m.withToken(accessToken), "/api/pos/manage/stores", Map.of()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldCreateTheTokenByPost() {
        Merchant m = api().onboardWithoutToken();

        JsonNode token = api().ok(api().raw("POST", "/api/pos/manage/token", "{\"bioCode\":\"" + m.bioCode() + "\"}",
                Map.of()));

        assertThat(token.get("accessToken").asString()).startsWith("mpt_");
    }

    @Test
    void shouldRefuseTokensForUnknownOrMissingBioCodes() {
        HttpResponse<String> unknown = api().raw("GET", "/api/pos/manage/token?bioCode=NOPE", null, Map.of());
        HttpResponse<String> missing = api().raw("GET", "/api/pos/manage/token", null, Map.of());
        HttpResponse<String> malformed = api().raw("POST", "/api/pos/manage/token", "{\"bioCode\":", Map.of());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api().json(unknown).get("code").asString()).isEqualTo("MerchantNotFound");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(api().json(missing).get("code").asString()).isEqualTo("InvalidParameter");
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldResetOnlyWithThePreviousToken() {
        Merchant m = api().onboard();

        HttpResponse<String> wrong = api().raw("GET", "/api/pos/manage/token/reset?bioCode=" + m.bioCode()
                + "&previousAccessToken=mpt_wrong", null, Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(api().get(m, "/api/pos/manage/stores", Map.of()).statusCode()).isEqualTo(200);

        JsonNode reset = api().ok(api().raw("GET", "/api/pos/manage/token/reset?bioCode=" + m.bioCode()
                + "&previousAccessToken=" + m.accessToken(), null, Map.of()));
        Merchant renewed = m.withToken(reset.get("accessToken").asString());

        assertThat(renewed.accessToken()).isNotEqualTo(m.accessToken());
        assertThat(api().get(m, "/api/pos/manage/stores", Map.of()).statusCode()).isEqualTo(401);
        assertThat(api().get(renewed, "/api/pos/manage/stores", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAWrongPairWithoutSayingWhichHalfWasWrong() {
        Merchant m = api().onboard();
        Merchant other = api().onboard();

        HttpResponse<String> wrongToken = api().get(m.withToken("mpt_nottherightone"), "/api/pos/manage/stores",
                Map.of());
        HttpResponse<String> crossed = api().get(m.withToken(other.accessToken()), "/api/pos/manage/stores",
                Map.of());
        HttpResponse<String> wrongBio = api().raw("GET", "/api/pos/manage/stores?accessToken=" + m.accessToken()
                + "&bioCode=NOPE", null, Map.of());
        HttpResponse<String> none = api().raw("GET", "/api/pos/manage/stores", null, Map.of());

        for (HttpResponse<String> response : java.util.List.of(wrongToken, crossed, wrongBio, none)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(api().json(response).get("code").asString()).isEqualTo("Unauthorized");
        }
        assertThat(wrongToken.body()).isEqualTo(crossed.body()).isEqualTo(wrongBio.body()).isEqualTo(none.body());
    }

    @Test
    void shouldRefuseAMerchantWhoseMobilePayAccountIsDisabled() {
        Merchant m = api().onboard();
        api().ok(api().sync(com.mpac.mobilepay.MobilePayApi.configuration(m, 2, false)));

        assertThat(api().get(m, "/api/pos/manage/stores", Map.of()).statusCode()).isEqualTo(401);
    }
}
