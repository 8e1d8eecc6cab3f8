package com.mpac.contracts.jwt;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JwtAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CallerTokenAutoConfiguration.class))
            .withPropertyValues("spring.application.name=svc-smarttab");

    @Test
    void shouldTrustBothKindsWithPlatformDefaultsWithoutContactingThePortal() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(CallerTokenAuthenticationManagerResolver.class).trustedIssuers())
                    .containsExactly(
                            new TrustedIssuer(TokenKind.HUMAN, "urn:mpac:portal:human",
                                    URI.create("http://localhost:8081/api/v1/jwks/human"), "svc-smarttab"),
                            new TrustedIssuer(TokenKind.DEVICE, "urn:mpac:portal:device",
                                    URI.create("http://localhost:8081/api/v1/jwks/device"), "svc-smarttab"));
        });
    }

    @Test
    void shouldTakeThePortalUrlFromTheEnvironmentVariable() {
        contextRunner.withPropertyValues("MPAC_PORTAL_URL=http://svc-portal:8081/").run(context -> assertThat(
                context.getBean(CallerTokenAuthenticationManagerResolver.class).trustedIssuers())
                .extracting(TrustedIssuer::jwksUri)
                .containsExactly(URI.create("http://svc-portal:8081/api/v1/jwks/human"),
                        URI.create("http://svc-portal:8081/api/v1/jwks/device")));
    }

    @Test
    void shouldPreferThePortalUrlPropertyToTheEnvironmentVariable() {
        contextRunner
                .withPropertyValues("MPAC_PORTAL_URL=http://svc-portal:8081", "mpac.portal-url=https://portal.test")
                .run(context -> assertThat(
                        context.getBean(CallerTokenAuthenticationManagerResolver.class).trustedIssuers())
                        .extracting(TrustedIssuer::jwksUri)
                        .containsExactly(URI.create("https://portal.test/api/v1/jwks/human"),
                                URI.create("https://portal.test/api/v1/jwks/device")));
    }

    @Test
    void shouldUseExplicitSettingsOfEachKind() {
        contextRunner.withPropertyValues("mpac.jwt.device.issuer=https://portal.test/device",
                "mpac.jwt.device.jwks-uri=https://keys.test/device.json", "mpac.jwt.device.audience=terminals-api")
                .run(context -> assertThat(
                        context.getBean(CallerTokenAuthenticationManagerResolver.class).trustedIssuers())
                        .contains(new TrustedIssuer(TokenKind.DEVICE, "https://portal.test/device",
                                URI.create("https://keys.test/device.json"), "terminals-api")));
    }

    @Test
    void shouldBindJwksAndClockSkewSettings() {
        contextRunner.withPropertyValues("mpac.jwt.clock-skew=10s", "mpac.jwt.jwks.refresh-cool-down=1m")
                .run(context -> {
                    JwtProperties properties = context.getBean(JwtProperties.class);
                    assertThat(properties.clockSkew()).hasSeconds(10);
                    assertThat(properties.jwks().refreshCoolDown()).hasMinutes(1);
                    assertThat(properties.jwks().cacheTtl()).hasMinutes(5);
                    assertThat(properties.jwks().outageTolerance()).hasMinutes(15);
                });
    }

    @Test
    void shouldRefuseACoolDownNotShorterThanTheCacheLifetime() {
        contextRunner.withPropertyValues("mpac.jwt.jwks.cache-ttl=1m", "mpac.jwt.jwks.refresh-cool-down=1m")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("refresh-cool-down must be shorter than cache-ttl"));
    }

    @Test
    void shouldRefuseToStartWithoutAnAudience() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CallerTokenAutoConfiguration.class))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("mpac.jwt.human.audience or spring.application.name"));
    }

    @Test
    void shouldCreateNothingOutsideAServletWebApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CallerTokenAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(CallerTokenAuthenticationManagerResolver.class));
    }

    @Test
    void shouldCreateNothingWhenDisabled() {
        contextRunner.withPropertyValues("mpac.jwt.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(CallerTokenAuthenticationManagerResolver.class)
                .doesNotHaveBean(JwtProperties.class));
    }
}
