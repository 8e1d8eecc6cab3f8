package com.mpac.contracts.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The two chains every service has around its own: operations endpoints open (health for the orchestrator,
 * metrics for the scraper, the OpenAPI document), and a last chain that denies whatever no service chain claimed,
 * so a route nobody secured is closed, not open.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebSecurityConfiguration {

    public static final int OPERATIONS_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @Order(OPERATIONS_ORDER)
    SecurityFilterChain operationsSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info",
                "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/error");
        return platform.api(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain denyUnclaimedSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        return platform.api(http).authorizeHttpRequests(rules -> rules.anyRequest().denyAll()).build();
    }
}
