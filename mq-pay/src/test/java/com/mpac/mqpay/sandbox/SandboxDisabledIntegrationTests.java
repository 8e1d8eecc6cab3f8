package com.mpac.mqpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.testsupport.TestHttp;

/** Without MPAC_SANDBOX_ENABLED the sandbox does not exist: its routes answer 404 in the seed's envelope. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mpac.sandbox.enabled=false")
class SandboxDisabledIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void shouldAnswerNotFoundOnEverySandboxRoute() {
        TestHttp http = TestHttp.localhost(port);

        HttpResponse<String> pay = http.post("/api/mq-pay/sandbox/vnpay/pay", "{\"qrCode\":\"000201\"}",
                java.util.Map.of());
        HttpResponse<String> resend = http.post("/api/mq-pay/sandbox/vnpay/ipn/resend", "{\"txnId\":\"ATT1\"}",
                java.util.Map.of());

        for (HttpResponse<String> response : java.util.List.of(pay, resend)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"code\":\"NOT_FOUND\"");
        }
    }
}
