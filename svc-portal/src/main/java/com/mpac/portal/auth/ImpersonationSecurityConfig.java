package com.mpac.portal.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/** Impersonation: a human token with PLATFORM_ADMIN (the service refuses impersonation tokens themselves). */
@Configuration(proxyBeanMethods = false)
class ImpersonationSecurityConfig {

    @Bean
    @Order(22)
    SecurityFilterChain impersonationSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/auth/admin/impersonate");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules.anyRequest().access(CallerTokenSecurity.human("PLATFORM_ADMIN")))
                .build();
    }
}
