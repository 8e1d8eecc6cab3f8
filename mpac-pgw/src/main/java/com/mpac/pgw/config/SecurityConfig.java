package com.mpac.pgw.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.sync.MerchantConfiguration;

/**
 * Who may call what. The configuration push is svc-portal's alone; every other route is closed by the platform's
 * deny-all chain until a feature opens it here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PORTAL = "svc-portal";

    @Bean
    @Order(10)
    SecurityFilterChain merchantSyncSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher(MerchantConfiguration.PATH);
        return platform.hmacApi(http)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(HmacAuthentication.service(PORTAL)))
                .build();
    }
}
