package com.mpac.portal.credential;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.hmac.HmacAuthentication;

/**
 * The credential check is S2S only: HMAC-signed with the platform key of an allow-listed service
 * ({@code mpac.portal.credential-check.callers}); other platform keys answer 403, merchant keys and tokens 401/403.
 */
@Configuration(proxyBeanMethods = false)
class CredentialSecurityConfig {

    @Bean
    @Order(30)
    SecurityFilterChain credentialCheckSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            CredentialCheckProperties properties) {
        http.securityMatcher(CredentialController.PATH);
        String[] allowed = properties.callers().stream().map(HmacAuthentication::service).toArray(String[]::new);
        return platform.hmacApi(http)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAnyAuthority(allowed))
                .build();
    }
}
