package com.mpac.mia.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.testsupport.TestHttp;

/** Where the sandbox is off (the default), its routes do not exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SandboxDisabledIntegrationTests {

    @LocalServerPort
    int port;

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
