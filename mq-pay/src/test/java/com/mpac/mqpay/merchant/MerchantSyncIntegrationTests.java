package com.mpac.mqpay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class MerchantSyncIntegrationTests extends MqPayIntegrationTest {

    @Autowired
    MerchantKeyResolver merchantKeys;

    @Autowired
    ProviderAccounts accounts;

    @Test
    void shouldKeepTheMerchantItsKeysAndItsVnpayAccountWithSecretsEncrypted() {
        Merchant merchant = api().onboard();

        String storedSecrets = jdbc.sql("SELECT secrets FROM api_key WHERE merchant_id = :id")
                .param("id", merchant.id()).query(String.class).single();
        String storedCredentials = jdbc.sql("SELECT credentials FROM merchant_provider WHERE merchant_id = :id")
                .param("id", merchant.id()).query(String.class).single();
        assertThat(storedSecrets).startsWith("v1.").doesNotContain(merchant.secret());
        assertThat(storedCredentials).startsWith("v1.").doesNotContain(merchant.hashSecret());
        assertThat(merchantKeys.resolve(merchant.keyId()).orElseThrow().caller().id()).isEqualTo(merchant.id());
        ProviderAccount vnpay = accounts.enabled(merchant.id(), "VNPAY").orElseThrow();
        assertThat(vnpay.identifiers()).containsEntry("merchant_code", merchant.merchantCode());
        assertThat(vnpay.credentials()).containsEntry("hash_secret", merchant.hashSecret());
    }

    @Test
    void shouldApplyNewerVersionsAndIgnoreTheSameOrOlderOnes() {
        Merchant merchant = api().onboard();

        HttpResponse<String> same = api().sync(MqPayApi.configuration(merchant, 1, false));
        HttpResponse<String> newer = api().sync(MqPayApi.configuration(merchant, 3, false));
        HttpResponse<String> stale = api().sync(MqPayApi.configuration(merchant, 2, true));

        assertThat(same.body()).contains("\"outcome\":\"UNCHANGED\"");
        assertThat(newer.body()).contains("\"outcome\":\"APPLIED\"").contains("\"version\":3");
        assertThat(stale.body()).contains("\"outcome\":\"STALE\"").contains("\"version\":3");
        assertThat(accounts.enabled(merchant.id(), "VNPAY")).isEmpty();
    }

    @Test
    void shouldStopAcceptingAKeyOnceTheMerchantIsSuspended() {
        Merchant merchant = api().onboard();
        MerchantConfiguration active = MqPayApi.configuration(merchant, 2, true);
        MerchantConfiguration suspended = new MerchantConfiguration(merchant.id(), 2L, active.pspId(), active.name(),
                MerchantConfiguration.MerchantStatus.SUSPENDED, active.providers(), List.of(), active.apiKeys(),
                List.of(), List.of());

        api().sync(suspended);
        HttpResponse<String> response = api().get(merchant, "/transactions");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void shouldAcceptOnlySvcPortalWithProblemDocuments() {
        Merchant merchant = api().onboard();
        String body = json.writeValueAsString(MqPayApi.configuration(merchant, 5, true));

        HttpResponse<String> fromPgw = api().syncAs("mpac-pgw", body);
        HttpResponse<String> malformed = api().syncAs("svc-portal", "{\"merchant_id\":");

        assertThat(fromPgw.statusCode()).isEqualTo(403);
        assertThat(fromPgw.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"code\":\"malformed_request\"");
        assertThat(jdbc.sql("SELECT version FROM merchant WHERE merchant_id = :id").param("id", merchant.id())
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(Map.of("status", api().get(merchant, "/transactions").statusCode())).containsEntry("status", 200);
    }
}
