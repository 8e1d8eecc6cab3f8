package com.mpac.portal.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/**
 * User management: people who may grant a role (admins and store managers), never a device. Which roles where is
 * decided per request by {@link Grants}.
 */
@Configuration(proxyBeanMethods = false)
class UserSecurityConfig {

    @Bean
    @Order(33)
    SecurityFilterChain userSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/users", "/api/v1/users/**");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules.anyRequest().access(CallerTokenSecurity.human(
                        "PLATFORM_ADMIN", "PSP_ADMIN", "MERCHANT_ADMIN", "STORE_MANAGER")))
                .build();
    }
}
