package com.mpac.portal.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.JwtProperties;
import com.mpac.portal.signing.SigningKeys;

/**
 * The portal verifies the tokens it issued with the same checks as every other service, but takes the keys from its
 * own key store rather than fetching its own JWKS over HTTP.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
class OwnTokensConfig {

    @Bean
    CallerTokenAuthenticationManagerResolver callerTokenAuthenticationManagerResolver(JwtProperties properties,
            Environment environment, SigningKeys keys) {
        return CallerTokenAuthenticationManagerResolver.withKeySources(properties, environment, keys::keySource);
    }
}
