package com.mpac.mia.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi;
import com.mpac.mia.MiaApi.Pos;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

class ActivationIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldActivateATerminalWithTheOtpFromTheSmsOutbox() {
        Pos pos = api().onboard();

        JsonNode init = api().ok(api().init(pos));
        String activationId = init.get("terminalActivationId").asString();
        HttpResponse<String> confirm = api().confirm(activationId, api().otp(activationId));
        JsonNode info = api().ok(api().getPublic("/pos/api/v1/terminal-activation/" + activationId + "/info"));

        assertThat(init.get("result").asString()).isEqualTo("success");
        assertThat(init.get("maskedPhoneNumber").asString()).isEqualTo("+373******56");
        assertThat(init.get("waitTimeToResend").asLong()).isZero();
        assertThat(api().ok(confirm).get("result").asString()).isEqualTo("success");
        assertThat(jdbc.sql("SELECT status FROM activation WHERE activation_id = CAST(:id AS uuid)")
                .param("id", activationId).query(String.class).single()).isEqualTo("ACTIVE");
        assertThat(info.get("terminalId").asString()).isEqualTo(pos.miaTerminalId());
        assertThat(info.get("merchantIdno").asString()).isEqualTo(pos.idno());
        assertThat(info.get("merchantName").asString()).startsWith("Cafe Chișinău");
        assertThat(info.get("storeAddress").asString()).isEqualTo("Store Botanica");
    }

    @Test
    void shouldLockTheActivationAfterTheLastWrongOtp() {
        Pos pos = api().onboard();
        String activationId = api().ok(api().init(pos)).get("terminalActivationId").asString();
        String otp = api().otp(activationId);
        String wrong = otp.equals("000000") ? "111111" : "000000";

        HttpResponse<String> first = api().confirm(activationId, wrong);
        HttpResponse<String> second = api().confirm(activationId, wrong);
        HttpResponse<String> third = api().confirm(activationId, wrong);
        HttpResponse<String> right = api().confirm(activationId, otp);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(api().json(first).get("errorCode").asString()).isEqualTo("invalid_otp");
        assertThat(api().json(first).get("leftAttempts").asInt()).isEqualTo(2);
        assertThat(api().json(second).get("leftAttempts").asInt()).isEqualTo(1);
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(api().json(third).get("errorCode").asString()).isEqualTo("activation_locked");
        assertThat(right.statusCode()).isEqualTo(409);
        assertThat(api().json(right).get("result").asString()).isEqualTo("error");
        assertThat(jdbc.sql("SELECT status FROM activation WHERE activation_id = CAST(:id AS uuid)")
                .param("id", activationId).query(String.class).single()).isEqualTo("LOCKED");
    }

    @Test
    void shouldResendANewCodeThatReplacesTheOldOneUntilTheLimit() {
        Pos pos = api().onboard();
        String activationId = api().ok(api().init(pos)).get("terminalActivationId").asString();
        String firstOtp = api().otp(activationId);
        String body = "{\"terminalActivationId\":\"" + activationId + "\"}";

        JsonNode resent = api().ok(api().postPublic("/pos/api/v1/terminal-activation/resend-otp", body));
        String secondOtp = api().otp(activationId);
        api().ok(api().postPublic("/pos/api/v1/terminal-activation/resend-otp", body));
        api().ok(api().postPublic("/pos/api/v1/terminal-activation/resend-otp", body));
        HttpResponse<String> fourth = api().postPublic("/pos/api/v1/terminal-activation/resend-otp", body);

        assertThat(resent.get("leftAttempts").asInt()).isEqualTo(2);
        assertThat(resent.get("waitTimeToResend").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM sms_outbox WHERE activation_id = CAST(:id AS uuid)")
                .param("id", activationId).query(Integer.class).single()).isEqualTo(4);
        assertThat(fourth.statusCode()).isEqualTo(409);
        assertThat(api().json(fourth).get("errorCode").asString()).isEqualTo("resend_limit_reached");
        if (!firstOtp.equals(secondOtp)) {
            assertThat(api().confirm(activationId, firstOtp).statusCode()).isEqualTo(400);
        }
        assertThat(api().confirm(activationId, api().otp(activationId)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseMissingOrMalformedDeviceHeadersAndWriteNothing() {
        Pos pos = api().onboard();
        String body = "{\"terminalId\":\"" + pos.miaTerminalId() + "\",\"merchantIdno\":\"" + pos.idno() + "\"}";
        Map<String, String> badPlatform = new HashMap<>(MiaApi.DEVICE);
        badPlatform.put("X-PLATFORM-TYPE", "symbian");
        Map<String, String> noInstallation = new HashMap<>(MiaApi.DEVICE);
        noInstallation.remove("X-INSTALLATION-ID");

        HttpResponse<String> platform = api().send("POST", "/pos/api/v1/terminal-activation/init", body, badPlatform);
        HttpResponse<String> installation = api().send("POST", "/pos/api/v1/terminal-activation/init", body,
                noInstallation);
        HttpResponse<String> malformed = api().send("POST", "/pos/api/v1/terminal-activation/init", "{\"terminalId\":",
                MiaApi.DEVICE);

        assertThat(platform.statusCode()).isEqualTo(400);
        assertThat(api().json(platform).get("errorMessage").asString()).contains("X-PLATFORM-TYPE");
        assertThat(installation.statusCode()).isEqualTo(400);
        assertThat(api().json(installation).get("errorMessage").asString()).contains("X-INSTALLATION-ID");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api().json(malformed).get("result").asString()).isEqualTo("error");
        assertThat(jdbc.sql("SELECT count(*) FROM activation WHERE terminal_id = :t").param("t", pos.terminalId())
                .query(Integer.class).single()).isZero();
    }

    /** Each init sends an SMS and brings fresh OTP attempts: 5 per terminal per hour (mpac.mia.init-*), then 429. */
    @Test
    void shouldCapActivationInitsPerTerminalWithinTheWindow() {
        Pos pos = api().onboard();
        Pos neighbour = api().onboard();
        for (int i = 0; i < 5; i++) {
            api().ok(api().init(pos));
        }

        HttpResponse<String> sixth = api().init(pos);
        HttpResponse<String> otherTerminal = api().init(neighbour);
        // An hour and a bit later the oldest inits have left the window.
        jdbc.sql("UPDATE activation SET created_at = created_at - interval '61 minutes' WHERE terminal_id = :t")
                .param("t", pos.terminalId()).update();
        HttpResponse<String> later = api().init(pos);

        assertThat(sixth.statusCode()).isEqualTo(429);
        JsonNode refused = api().json(sixth);
        assertThat(refused.get("result").asString()).isEqualTo("error");
        assertThat(refused.get("errorCode").asString()).isEqualTo("too_many_attempts");
        assertThat(refused.get("errorMessage").asString()).contains("5 activations within 60 min");
        assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500L, 3601L);
        assertThat(otherTerminal.statusCode()).isEqualTo(200);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM activation WHERE terminal_id = :t").param("t", pos.terminalId())
                .query(Integer.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT count(*) FROM sms_outbox s JOIN activation a USING (activation_id) "
                + "WHERE a.terminal_id = :t").param("t", pos.terminalId()).query(Integer.class).single()).isEqualTo(6);
    }

    @Test
    void shouldRefuseAMissingDeviceOrAppVersionHeaderAndANonUuidCorrelationIdAndWriteNothing() {
        Pos pos = api().onboard();
        String body = "{\"terminalId\":\"" + pos.miaTerminalId() + "\",\"merchantIdno\":\"" + pos.idno() + "\"}";
        Map<String, String> noDevice = new HashMap<>(MiaApi.DEVICE);
        noDevice.remove("X-DEVICE");
        Map<String, String> noVersion = new HashMap<>(MiaApi.DEVICE);
        noVersion.remove("X-POS-APP-VERSION");
        Map<String, String> textVersion = new HashMap<>(MiaApi.DEVICE);
        textVersion.put("X-POS-APP-VERSION", "1.2");
        Map<String, String> badCorrelation = new HashMap<>(MiaApi.DEVICE);
        badCorrelation.put("X-CORRELATION-ID", "not-a-uuid");

        HttpResponse<String> device = api().send("POST", "/pos/api/v1/terminal-activation/init", body, noDevice);
        HttpResponse<String> version = api().send("POST", "/pos/api/v1/terminal-activation/init", body, noVersion);
        HttpResponse<String> decimal = api().send("POST", "/pos/api/v1/terminal-activation/init", body, textVersion);
        HttpResponse<String> correlation = api().send("POST", "/pos/api/v1/terminal-activation/init", body,
                badCorrelation);

        assertThat(device.statusCode()).isEqualTo(400);
        assertThat(api().json(device).get("errorCode").asString()).isEqualTo("validation_error");
        assertThat(api().json(device).get("errorMessage").asString()).contains("X-DEVICE");
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(api().json(version).get("errorMessage").asString()).contains("X-POS-APP-VERSION");
        assertThat(decimal.statusCode()).isEqualTo(400);
        assertThat(api().json(decimal).get("errorMessage").asString()).contains("X-POS-APP-VERSION");
        assertThat(correlation.statusCode()).isEqualTo(400);
        assertThat(api().json(correlation).get("result").asString()).isEqualTo("error");
        assertThat(api().json(correlation).get("errorMessage").asString()).isEqualTo("X-CORRELATION-ID must be a UUID.");
        assertThat(correlation.headers().firstValue("X-CORRELATION-ID")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM activation WHERE terminal_id = :t").param("t", pos.terminalId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldNotFindATerminalUnderAnotherMerchantsIdno() {
        Pos pos = api().onboard();
        Pos other = api().onboard();

        HttpResponse<String> response = api().init(new Pos(pos.merchantId(), other.idno(), pos.storeId(),
                pos.terminalId(), pos.miaTerminalId(), pos.email()));
        HttpResponse<String> unknownInfo = api().getPublic("/pos/api/v1/terminal-activation/"
                + java.util.UUID.randomUUID() + "/info");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api().json(response).get("errorCode").asString()).isEqualTo("terminal_not_found");
        assertThat(unknownInfo.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldEchoTheCorrelationId() {
        Pos pos = api().onboard();
        Map<String, String> headers = new HashMap<>(MiaApi.DEVICE);
        headers.put("X-CORRELATION-ID", "0b8c6a8e-3d35-4a57-9d44-3f1f2b8f9c10");

        HttpResponse<String> response = api().send("POST", "/pos/api/v1/terminal-activation/init",
                "{\"terminalId\":\"" + pos.miaTerminalId() + "\",\"merchantIdno\":\"" + pos.idno() + "\"}", headers);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-CORRELATION-ID"))
                .hasValue("0b8c6a8e-3d35-4a57-9d44-3f1f2b8f9c10");
    }

    @Test
    void shouldRefuseAResendBeforeTheWaitHasPassed() {
        Pos pos = api().onboard();
        String activationId = api().ok(api().init(pos)).get("terminalActivationId").asString();
        // The test context allows resends at once (wait 0 s): a last send 30 s ahead stands for one just made.
        jdbc.sql("UPDATE activation SET last_sent_at = now() + interval '30 seconds' "
                + "WHERE activation_id = CAST(:id AS uuid)").param("id", activationId).update();

        HttpResponse<String> early = api().postPublic("/pos/api/v1/terminal-activation/resend-otp",
                "{\"terminalActivationId\":\"" + activationId + "\"}");

        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(api().json(early).get("errorCode").asString()).isEqualTo("resend_too_early");
        assertThat(api().json(early).get("leftAttempts").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM sms_outbox WHERE activation_id = CAST(:id AS uuid)")
                .param("id", activationId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldEndTheSessionsOfAnEarlierDeviceWhenTheTerminalIsActivatedAgain() {
        com.mpac.mia.MiaApi.Session session = api().session();

        api().activate(session.pos());
        HttpResponse<String> oldDevice = api().get(session, "/pos/api/v1/seller/info");
        HttpResponse<String> confirmAgain = api().confirm(session.activationId(), "123456");

        assertThat(oldDevice.statusCode()).isEqualTo(401);
        assertThat(confirmAgain.statusCode()).isEqualTo(409);
        assertThat(api().json(confirmAgain).get("errorCode").asString()).isEqualTo("activation_revoked");
    }
}
