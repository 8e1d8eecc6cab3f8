package com.mpac.mobilepay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mpac.mobilepay.MobilePayApi;
import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;
import com.mpac.testsupport.TestHttp;

class MerchantSyncIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldKeepTheBioCodeStoresAndTerminalsAndIgnoreStaleVersions() {
        Merchant m = api().onboard();

        assertThat(api().json(api().sync(MobilePayApi.configuration(m, 1, true))).get("outcome").asString())
                .isEqualTo("UNCHANGED");
        assertThat(jdbc.sql("SELECT bio_code FROM merchant WHERE merchant_id = :m").param("m", m.id())
                .query(String.class).single()).isEqualTo(m.bioCode());
        assertThat(jdbc.sql("SELECT provider_terminal_id FROM terminal WHERE terminal_id = :t")
                .param("t", m.terminalId()).query(String.class).single()).isEqualTo("MP-" + m.terminalId());
        assertThat(api().json(api().sync(MobilePayApi.configuration(m, 3, true))).get("outcome").asString())
                .isEqualTo("APPLIED");
        assertThat(api().json(api().sync(MobilePayApi.configuration(m, 2, true))).get("outcome").asString())
                .isEqualTo("STALE");
        // The token survives a push that keeps the bioCode.
        assertThat(api().get(m, "/api/pos/manage/stores", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAPushNotSignedBySvcPortal() {
        HttpResponse<String> unsigned = TestHttp.localhost(port).post("/v1/sync/merchants", "{}", Map.of());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void shouldRefuseABioCodeOfAnotherMerchant() {
        Merchant first = api().onboard();
        Merchant second = api().onboardWithoutToken();
        Merchant stealing = new Merchant(second.id(), first.bioCode(), null, second.storeId(), second.terminalId(),
                second.otherTerminalId(), second.secondStoreId());

        HttpResponse<String> response = api().sync(MobilePayApi.configuration(stealing, 2, true));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(api().get(first, "/api/pos/manage/stores", Map.of()).statusCode()).isEqualTo(200);
    }
}
