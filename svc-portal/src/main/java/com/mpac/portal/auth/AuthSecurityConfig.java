package com.mpac.portal.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/**
 * Login and session routes. The steps of logging in (login, MFA verify, refresh, logout) are anonymous: their body
 * carries the credential, and no bearer token is even read. Everything else under {@code /api/v1/auth/user} is the
 * logged-in user's own account and takes a human access token of any role.
 */
@Configuration(proxyBeanMethods = false)
class AuthSecurityConfig {

    @Bean
    @Order(20)
    SecurityFilterChain loginStepsSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher("/api/v1/auth/user/login", "/api/v1/auth/user/mfa/verify", "/api/v1/auth/user/refresh",
                "/api/v1/auth/user/logout");
        return platform.api(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }

    @Bean
    @Order(21)
    SecurityFilterChain ownAccountSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/auth/user/**");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules.anyRequest().access(CallerTokenSecurity.human()))
                .build();
    }
}
