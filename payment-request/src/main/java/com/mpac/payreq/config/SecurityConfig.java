package com.mpac.payreq.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.payreq.merchant.ApiUsers;

/**
 * Who may call what. The configuration push is svc-portal's alone (HMAC, platform problem documents). The Payment
 * Request API takes Magensa Basic credentials and refuses with a bare 401. The hosted payment page and the
 * WebSocket are public (the page's link and the token are the capabilities); the page is sent with a strict
 * Content-Security-Policy that allows only this origin's scripts and styles.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PORTAL = "svc-portal";
    static final String API = "/api/**";
    static final String[] PUBLIC = { "/pay/**", "/ws/**" };
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @Bean
    @Order(10)
    SecurityFilterChain merchantSyncSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher(MerchantConfiguration.PATH);
        return platform.hmacApi(http)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(HmacAuthentication.service(PORTAL)))
                .build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain paymentRequestApiSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            ApiUsers users) {
        http.securityMatcher(API);
        return platform.api(http)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, ex) -> BasicAuthenticationFilter.refuse(response))
                        .accessDeniedHandler((request, response, ex) -> BasicAuthenticationFilter.refuse(response)))
                .addFilterBefore(new BasicAuthenticationFilter(users), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(BasicAuthenticationFilter.AUTHORITY))
                .build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain hostedPageSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher(PUBLIC);
        return platform.api(http)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=(self)"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }
}
