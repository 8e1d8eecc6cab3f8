package com.mpac.contracts.jwt;

import java.io.IOException;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.mpac.contracts.jwt.PortalTokens.device;
import static com.mpac.contracts.jwt.PortalTokens.human;
import static com.mpac.contracts.jwt.PortalTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

/** A service's own chain, wired the documented way, accepting each kind only on its routes. */
@WebMvcTest
class JwtResourceServerWebMvcTests {

    private static final RSAKey HUMAN_KEY = PortalTokens.rsaKey("human-1");
    private static final ECKey DEVICE_KEY = PortalTokens.ecKey("device-1");
    private static final PortalJwksStub PORTAL = startPortal();

    @Autowired
    private MockMvcTester mvc;

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry registry) {
        registry.add("spring.application.name", () -> PortalTokens.AUDIENCE);
        registry.add("mpac.portal-url", PORTAL::baseUrl);
    }

    @AfterAll
    static void stopPortal() {
        PORTAL.close();
    }

    @Test
    void shouldGiveControllerTheCallerOfAHumanToken() {
        assertThat(mvc.get().uri("/staff/me").header(HttpHeaders.AUTHORIZATION, bearer(sign(HUMAN_KEY, human()))))
                .hasStatusOk().hasBodyTextEqualTo("HUMAN usr_42 of m_1 as [CASHIER, STORE_MANAGER]");
    }

    @Test
    void shouldRefuseADeviceTokenOnAHumanOnlyRoute() {
        assertThat(mvc.get().uri("/staff/me").header(HttpHeaders.AUTHORIZATION, bearer(sign(DEVICE_KEY, device()))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldAcceptADeviceTokenWithTheRequiredScopeOnItsRoute() {
        assertThat(mvc.get().uri("/orders").header(HttpHeaders.AUTHORIZATION, bearer(sign(DEVICE_KEY, device()))))
                .hasStatusOk().hasBodyTextEqualTo("orders for trm_7");
    }

    @Test
    void shouldRefuseAHumanTokenOnADeviceOnlyRoute() {
        assertThat(mvc.get().uri("/orders").header(HttpHeaders.AUTHORIZATION, bearer(sign(HUMAN_KEY, human()))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldAnswer401WithoutAToken() {
        assertThat(mvc.get().uri("/staff/me")).hasStatus(HttpStatus.UNAUTHORIZED)
                .headers().hasHeaderSatisfying(HttpHeaders.WWW_AUTHENTICATE,
                        values -> assertThat(values).singleElement().asString().startsWith("Bearer")
                                .doesNotContain("error="));
    }

    @Test
    void shouldAnswer401ForAnInvalidToken() {
        String forged = sign(PortalTokens.rsaKey("human-1"), human());

        assertThat(mvc.get().uri("/staff/me").header(HttpHeaders.AUTHORIZATION, bearer(forged)))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .headers().hasHeaderSatisfying(HttpHeaders.WWW_AUTHENTICATE,
                        values -> assertThat(values).singleElement().asString().startsWith("Bearer")
                                .contains("error=\"invalid_token\""));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static PortalJwksStub startPortal() {
        try {
            return new PortalJwksStub().publish(TokenKind.HUMAN, HUMAN_KEY).publish(TokenKind.DEVICE, DEVICE_KEY);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @RestController
    static class SampleController {

        @GetMapping("/staff/me")
        String me(@AuthenticationPrincipal CallerToken caller) {
            return caller.kind() + " " + caller.subject() + " of " + caller.merchantId() + " as "
                    + caller.roles().stream().sorted().toList();
        }

        @GetMapping("/orders")
        String orders() {
            return "orders for " + CallerToken.current().subject();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration(CallerTokenAutoConfiguration.class)
    @Import(SampleController.class)
    static class ServiceSecurityConfig {

        @Bean
        SecurityFilterChain api(HttpSecurity http, CallerTokenAuthenticationManagerResolver callerTokens) {
            return http
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/staff/**").access(CallerTokenSecurity.human("STORE_MANAGER"))
                            .requestMatchers("/orders/**").access(CallerTokenSecurity.device("orders:write"))
                            .anyRequest().denyAll())
                    .oauth2ResourceServer(CallerTokenSecurity.resourceServer(callerTokens))
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(AbstractHttpConfigurer::disable)
                    .build();
        }
    }
}
