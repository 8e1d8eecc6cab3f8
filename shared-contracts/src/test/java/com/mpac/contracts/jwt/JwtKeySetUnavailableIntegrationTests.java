package com.mpac.contracts.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.testsupport.TestHttp;

/** A token that cannot be checked because the portal's key set is unreachable is a 503 to retry, not a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.portal-url=http://127.0.0.1:1", "spring.application.name=" + PortalTokens.AUDIENCE })
class JwtKeySetUnavailableIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void shouldAnswer503WithRetryAfterWhenTheKeySetCannotBeFetched() {
        String token = PortalTokens.sign(PortalTokens.ecKey("human-unreachable"), PortalTokens.human());

        HttpResponse<String> response = TestHttp.localhost(port).get("/tokens/me",
                Map.of("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"service_unavailable\"");
    }

    @Test
    void shouldStillAnswer401ForAMissingToken() {
        HttpResponse<String> response = TestHttp.localhost(port).get("/tokens/me", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
    }
}
