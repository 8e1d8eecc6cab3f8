package com.mpac.portal.registry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;

/**
 * The registry (PSPs, merchants, stores, terminals): people only, never a device token. Roles are checked here per
 * route; tenancy (another tenant's id answers 404) and per-field rules in the services. A terminal's credentials,
 * deactivation and reactivation belong to device provisioning's own chain and are not matched here.
 */
@Configuration(proxyBeanMethods = false)
class RegistrySecurityConfig {

    private static final String PLATFORM = "PLATFORM_ADMIN";
    private static final String PSP = "PSP_ADMIN";
    private static final String MERCHANT = "MERCHANT_ADMIN";
    private static final String MANAGER = "STORE_MANAGER";
    private static final String CASHIER = "CASHIER";

    @Bean
    @Order(35)
    SecurityFilterChain registrySecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher registry = new OrRequestMatcher(
                paths.matcher("/api/v1/psps"), paths.matcher("/api/v1/psps/**"),
                paths.matcher("/api/v1/merchants"), paths.matcher("/api/v1/merchants/**"),
                paths.matcher("/api/v1/stores"), paths.matcher("/api/v1/stores/**"),
                paths.matcher("/api/v1/terminals"), paths.matcher("/api/v1/terminals/**"));
        RequestMatcher provisioning = new OrRequestMatcher(
                paths.matcher("/api/v1/terminals/*/credentials/**"), paths.matcher("/api/v1/terminals/*/deactivate"),
                paths.matcher("/api/v1/terminals/*/reactivate"));
        http.securityMatcher(new AndRequestMatcher(registry, new NegatedRequestMatcher(provisioning)));
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.GET, "/api/v1/psps", "/api/v1/psps/*")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP))
                        .requestMatchers(HttpMethod.POST, "/api/v1/psps", "/api/v1/psps/*/deactivate")
                        .access(CallerTokenSecurity.human(PLATFORM))
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/psps/*").access(CallerTokenSecurity.human(PLATFORM))
                        .requestMatchers(HttpMethod.GET, "/api/v1/merchants", "/api/v1/merchants/*")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/merchants", "/api/v1/merchants/*/deactivate")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP))
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/merchants/*")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/merchants/*/mobilepay-bio-code")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT))
                        .requestMatchers(HttpMethod.GET, "/api/v1/stores", "/api/v1/stores/*", "/api/v1/terminals",
                                "/api/v1/terminals/*")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT, MANAGER, CASHIER))
                        .requestMatchers(HttpMethod.POST, "/api/v1/stores", "/api/v1/stores/*/deactivate",
                                "/api/v1/terminals")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT))
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/stores/*", "/api/v1/terminals/*")
                        .access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT))
                        .anyRequest().access(CallerTokenSecurity.human(PLATFORM, PSP, MERCHANT, MANAGER, CASHIER)))
                .build();
    }
}
