package com.mpac.portal.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/** The audit log is read by admins (platform, PSP, merchant), each within their tenancy. */
@Configuration(proxyBeanMethods = false)
class AuditEventSecurityConfig {

    @Bean
    @Order(34)
    SecurityFilterChain auditEventSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/audit-events", "/api/v1/audit-events/**");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules.anyRequest()
                        .access(CallerTokenSecurity.human("PLATFORM_ADMIN", "PSP_ADMIN", "MERCHANT_ADMIN")))
                .build();
    }
}
