package com.mpac.portal.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;

/**
 * Routes anyone may call: the JWK Sets. Chain orders in the portal: 5 public, 10-19 device token endpoint and
 * provisioning, 20-29 login/MFA/session, 30-39 registry, users and S2S; the platform's deny-all chain comes last.
 */
@Configuration(proxyBeanMethods = false)
class PublicEndpointsSecurityConfig {

    @Bean
    @Order(5)
    SecurityFilterChain jwksSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher("/api/v1/jwks/**");
        return platform.api(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }
}
