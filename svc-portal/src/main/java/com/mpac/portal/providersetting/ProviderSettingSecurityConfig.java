package com.mpac.portal.providersetting;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/** A merchant's provider settings: merchant admins and above (the merchant's tenancy is checked per request). */
@Configuration(proxyBeanMethods = false)
class ProviderSettingSecurityConfig {

    @Bean
    @Order(29)
    SecurityFilterChain providerSettingSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/merchants/*/providers/*/settings");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules.anyRequest()
                        .access(CallerTokenSecurity.human("PLATFORM_ADMIN", "PSP_ADMIN", "MERCHANT_ADMIN")))
                .build();
    }
}
