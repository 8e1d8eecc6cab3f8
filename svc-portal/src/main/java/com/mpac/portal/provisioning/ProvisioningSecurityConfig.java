package com.mpac.portal.provisioning;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/**
 * Provisioning and terminal credentials: the terminal's activation is anonymous (the code is its credential); the
 * rest is for staff who administer terminals, each limited to their tenant scope by the service (404 outside it).
 * The registry's own terminal routes ({@code /api/v1/terminals}, {@code /api/v1/terminals/{id}}) are not matched.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningSecurityConfig {

    static final String[] TERMINAL_ADMINS = { "PLATFORM_ADMIN", "PSP_ADMIN", "MERCHANT_ADMIN", "STORE_MANAGER" };

    @Bean
    @Order(11)
    SecurityFilterChain provisioningSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/api/v1/device/provision/**", "/api/v1/terminals/*/credentials/**",
                "/api/v1/terminals/*/deactivate", "/api/v1/terminals/*/reactivate");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.POST, "/api/v1/device/provision/activate").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/device/provision/generateActivationCode")
                        .access(CallerTokenSecurity.human(TERMINAL_ADMINS))
                        .requestMatchers(HttpMethod.GET, "/api/v1/device/provision/activationStatus")
                        .access(CallerTokenSecurity.human(TERMINAL_ADMINS))
                        .requestMatchers(HttpMethod.POST, "/api/v1/terminals/*/credentials/rotate",
                                "/api/v1/terminals/*/deactivate", "/api/v1/terminals/*/reactivate")
                        .access(CallerTokenSecurity.human(TERMINAL_ADMINS))
                        .anyRequest().denyAll())
                .build();
    }
}
