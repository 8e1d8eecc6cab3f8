package com.mpac.portal.signing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/** Signing-key administration: platform admins with a human token only. */
@Configuration(proxyBeanMethods = false)
class SigningKeyAdminSecurityConfig {

    @Bean
    @Order(12)
    SecurityFilterChain signingKeyAdminSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/admin/signing-keys/**");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.POST, "/api/v1/admin/signing-keys/*/rotate")
                        .access(CallerTokenSecurity.human("PLATFORM_ADMIN"))
                        .anyRequest().denyAll())
                .build();
    }
}
