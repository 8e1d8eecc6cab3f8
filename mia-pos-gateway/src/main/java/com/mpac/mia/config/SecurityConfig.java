package com.mpac.mia.config;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mia.error.ErrorEnvelope;
import com.mpac.mia.terminal.SellerSessions;

/**
 * Who may call what. The configuration push is svc-portal's alone (HMAC, platform problem documents). The MIA POS
 * API authenticates the way its document prescribes, inside the service: activation by terminal id, merchant IDNO
 * and an SMS OTP; everything after seller login by the seller's bearer token (checked by {@code SellerSessions}).
 * Spring Security therefore lets {@code /pos/**} through, statelessly, with failures in the MIA envelope; a valid
 * bearer token names the terminal as the caller (for idempotency keys).
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

    @Bean
    @Order(20)
    SecurityFilterChain posSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            SellerSessions sessions) {
        http.securityMatcher(ErrorEnvelope.API_PREFIX + "**");
        EnvelopeEntryPoint envelope = new EnvelopeEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(envelope).accessDeniedHandler(envelope))
                .addFilterBefore(new SellerAuthenticationFilter(sessions), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }

    static final class EnvelopeEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
                throws IOException {
            ErrorEnvelope.write(response, 401, "unauthorized", "The request could not be authenticated.");
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
                throws IOException {
            ErrorEnvelope.write(response, 403, "forbidden", "You may not perform this operation.");
        }
    }
}
