package com.mpac.mia.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.mia.MiaApi;
import com.mpac.mia.MiaApi.Pos;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with its default configuration: the sandbox off (its routes do not exist) and the real 60 s wait
 * between OTP sends, which the feature tests set to 0 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SandboxDisabledIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void shouldAnnounceAndEnforceTheSixtySecondWaitBeforeAResend() {
        MiaApi api = new MiaApi(port, json);
        Pos pos = api.onboard();

        JsonNode init = api.ok(api.init(pos));
        String activationId = init.get("terminalActivationId").asString();
        HttpResponse<String> resend = api.postPublic("/pos/api/v1/terminal-activation/resend-otp",
                "{\"terminalActivationId\":\"" + activationId + "\"}");

        assertThat(init.get("waitTimeToResend").asLong()).isEqualTo(60);
        assertThat(resend.statusCode()).isEqualTo(409);
        assertThat(api.json(resend).get("errorCode").asString()).isEqualTo("resend_too_early");
        assertThat(api.json(resend).get("errorMessage").asString()).matches("Wait (59|60) s .*");
        assertThat(api.json(resend).get("leftAttempts").asInt()).isEqualTo(3);
    }

    @Test
    void shouldAnswer404ForSandboxRoutes() {
        TestHttp http = TestHttp.localhost(port);

        HttpResponse<String> sms = http.get("/pos/sandbox/sms?terminalActivationId=628f8a47-50a4-47e4-be12-af6c4dac9573");
        HttpResponse<String> pay = http.post("/pos/sandbox/pay", "{\"qrText\":\"x\"}", java.util.Map.of());

        assertThat(sms.statusCode()).isEqualTo(404);
        assertThat(pay.statusCode()).isEqualTo(404);
        assertThat(pay.body()).contains("\"result\":\"error\"");
    }
}
