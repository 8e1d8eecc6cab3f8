package com.mpac.mia.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

class SettingsIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldReadDefaultsSetNewSettingsAndUseTheTtlForNewCodes() {
        Session session = api().shiftOpen();

        JsonNode defaults = api().ok(api().get(session, "/pos/api/v1/settings")).get("qrSettings");
        api().ok(api().post(session, "/pos/api/v1/settings",
                "{\"qrType\":\"hybrid\",\"qrAmountType\":\"controlled\",\"qrTtl\":60}"));
        JsonNode updated = api().ok(api().get(session, "/pos/api/v1/settings")).get("qrSettings");
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":1}}");

        assertThat(defaults.get("qrTtl").asInt()).isEqualTo(300);
        assertThat(defaults.get("prohibitSettingsChange").asBoolean()).isFalse();
        assertThat(updated.get("qrType").asString()).isEqualTo("hybrid");
        assertThat(updated.get("qrAmountType").asString()).isEqualTo("controlled");
        assertThat(updated.get("qrTtl").asInt()).isEqualTo(60);
        assertThat(updated.get("whenUpdated").isNull()).isFalse();
        assertThat(qr.at("/extension/qrExpireIn").asLong()).isBetween(55L, 60L);
    }

    @Test
    void shouldHonourProhibitSettingsChange() {
        Session session = api().session();
        api().ok(api().post(session, "/pos/api/v1/settings",
                "{\"qrType\":\"static\",\"qrAmountType\":\"fixed\",\"prohibitSettingsChange\":true}"));

        HttpResponse<String> change = api().post(session, "/pos/api/v1/settings",
                "{\"qrType\":\"dynamic\",\"qrAmountType\":\"fixed\"}");

        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(api().json(change).get("errorCode").asString()).isEqualTo("settings_change_prohibited");
        assertThat(api().ok(api().get(session, "/pos/api/v1/settings")).at("/qrSettings/qrType").asString())
                .isEqualTo("static");
    }

    @Test
    void shouldRefuseATtlBelowThirtySecondsAndKeepSettingsPerTerminal() {
        Session session = api().session();
        Session other = api().session();

        HttpResponse<String> tooShort = api().post(session, "/pos/api/v1/settings",
                "{\"qrType\":\"dynamic\",\"qrAmountType\":\"fixed\",\"qrTtl\":29}");
        api().ok(api().post(other, "/pos/api/v1/settings",
                "{\"qrType\":\"static\",\"qrAmountType\":\"free\",\"qrTtl\":45}"));

        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(api().ok(api().get(session, "/pos/api/v1/settings")).at("/qrSettings/qrTtl").asInt())
                .isEqualTo(300);
    }
}
