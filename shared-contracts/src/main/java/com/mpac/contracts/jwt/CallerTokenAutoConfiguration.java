package com.mpac.contracts.jwt;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Provides the {@link CallerTokenAuthenticationManagerResolver} every service wires into its own
 * {@code SecurityFilterChain} (see {@link CallerTokenSecurity}). Creating it fetches nothing: the key sets are fetched
 * when the first token of each kind arrives. Switched off with {@code mpac.jwt.enabled=false}.
 *
 * <p>It deliberately exposes no {@code JwtDecoder} bean, which would make Spring Boot build a second, single-issuer
 * resource server.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(NimbusJwtDecoder.class)
@ConditionalOnProperty(prefix = "mpac.jwt", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(JwtProperties.class)
public class CallerTokenAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CallerTokenAuthenticationManagerResolver callerTokenAuthenticationManagerResolver(JwtProperties properties,
            Environment environment) {
        List<TrustedIssuer> trusted = List.of(properties.trustedIssuer(TokenKind.HUMAN, environment),
                properties.trustedIssuer(TokenKind.DEVICE, environment));
        return new CallerTokenAuthenticationManagerResolver(trusted, properties.jwks(), properties.clockSkew());
    }
}
