package com.mpac.smarttab.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;
import com.mpac.smarttab.tenant.Caller;

/**
 * Who may call what (the role matrix of the README). Terminals (device tokens) and store staff run the till:
 * orders, bills, payments, customers. Opening and closing settlements is for terminals (their own terminal's period)
 * and managers; refunds above the limit are for managers (checked in the service, which knows the amount). PSP and
 * platform admins read. The gateway's webhooks authenticate by their Standard Webhooks signature in the controller.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    @Order(10)
    SecurityFilterChain gatewayWebhookSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher("/webhooks/**");
        return platform.api(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain tillSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        AuthorizationManager<RequestAuthorizationContext> readers = AuthorizationManagers.anyOf(
                CallerTokenSecurity.device(), CallerTokenSecurity.human(Caller.PLATFORM_ADMIN, Caller.PSP_ADMIN,
                        Caller.MERCHANT_ADMIN, Caller.STORE_MANAGER, Caller.CASHIER));
        AuthorizationManager<RequestAuthorizationContext> till = AuthorizationManagers.anyOf(
                CallerTokenSecurity.device(),
                CallerTokenSecurity.human(Caller.MERCHANT_ADMIN, Caller.STORE_MANAGER, Caller.CASHIER));
        AuthorizationManager<RequestAuthorizationContext> settlements = AuthorizationManagers.anyOf(
                CallerTokenSecurity.device(), CallerTokenSecurity.human(Caller.MERCHANT_ADMIN, Caller.STORE_MANAGER));
        http.securityMatcher("/orders", "/orders/**", "/bills", "/bills/**", "/payments", "/payments/**",
                "/customers", "/customers/**", "/settlements", "/settlements/**");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.GET).access(readers)
                        .requestMatchers(HttpMethod.POST, "/settlements", "/settlements/*/close").access(settlements)
                        .requestMatchers(HttpMethod.POST).access(till)
                        .requestMatchers(HttpMethod.PATCH).access(till)
                        .anyRequest().denyAll())
                .build();
    }
}
