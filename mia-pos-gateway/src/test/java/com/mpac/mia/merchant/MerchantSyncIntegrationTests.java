package com.mpac.mia.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mia.MiaApi;
import com.mpac.mia.MiaApi.Pos;
import com.mpac.mia.MiaIntegrationTest;

class MerchantSyncIntegrationTests extends MiaIntegrationTest {

    @Autowired
    Terminals terminals;

    @Test
    void shouldKeepTheMiaAccountAndTerminalsWithCredentialsEncrypted() {
        Pos pos = api().onboard();

        Terminal terminal = terminals.findForActivation(pos.miaTerminalId(), pos.idno()).orElseThrow();
        String credentials = jdbc.sql("SELECT credentials FROM merchant WHERE merchant_id = :id")
                .param("id", pos.merchantId()).query(String.class).single();

        assertThat(terminal.terminalId()).isEqualTo(pos.terminalId());
        assertThat(terminal.phone()).isEqualTo("+37369123456");
        assertThat(terminal.storeName()).isEqualTo("Store Botanica");
        assertThat(credentials).startsWith("v1.").doesNotContain("mia-secret");
    }

    @Test
    void shouldApplyNewerVersionsAndIgnoreStaleOnes() {
        Pos pos = api().onboard();

        HttpResponse<String> same = api().sync(MiaApi.configuration(pos, 1, true));
        HttpResponse<String> disabled = api().sync(MiaApi.configuration(pos, 3, false));
        HttpResponse<String> stale = api().sync(MiaApi.configuration(pos, 2, true));

        assertThat(same.body()).contains("\"outcome\":\"UNCHANGED\"");
        assertThat(disabled.body()).contains("\"outcome\":\"APPLIED\"");
        assertThat(stale.body()).contains("\"outcome\":\"STALE\"").contains("\"version\":3");
        assertThat(terminals.findForActivation(pos.miaTerminalId(), pos.idno())).isEmpty();
    }

    @Test
    void shouldMarkDroppedTerminalsRemovedAndRefuseAnotherMerchantsTerminal() {
        Pos pos = api().onboard();
        Pos other = api().onboard();
        MerchantConfiguration dropped = MiaApi.configuration(pos, 2, true);
        dropped = new MerchantConfiguration(pos.merchantId(), 2L, "psp_1", dropped.name(), dropped.status(),
                dropped.providers(), List.of(new MerchantConfiguration.Store(pos.storeId(), "Store Botanica",
                        MerchantConfiguration.Status.ACTIVE, null, List.of())), List.of(), List.of(), List.of());
        MerchantConfiguration stealing = MiaApi.configuration(new Pos(other.merchantId(), other.idno(),
                other.storeId(), pos.terminalId(), "X" + other.miaTerminalId(), other.email()), 2, true);

        api().ok(api().sync(dropped));
        HttpResponse<String> steal = api().sync(stealing);

        assertThat(jdbc.sql("SELECT status FROM terminal WHERE terminal_id = :id").param("id", pos.terminalId())
                .query(String.class).single()).isEqualTo("REMOVED");
        assertThat(steal.statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT merchant_id FROM terminal WHERE terminal_id = :id").param("id", pos.terminalId())
                .query(String.class).single()).isEqualTo(pos.merchantId());
    }

    @Test
    void shouldAcceptOnlySignedPushesFromSvcPortal() {
        HttpResponse<String> unsigned = api().send("POST", MerchantConfiguration.PATH, "{}", Map.of());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
