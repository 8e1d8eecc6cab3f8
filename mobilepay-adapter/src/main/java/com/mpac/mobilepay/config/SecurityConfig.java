package com.mpac.mobilepay.config;

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

import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.config.S2sProperties;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.hmac.HmacAuthenticationFilter;
import com.mpac.contracts.hmac.HmacVerifier;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.merchant.AccessTokens;

/**
 * Who may call what. The configuration push is svc-portal's alone (HMAC, platform problem documents). The POS API
 * authenticates with the document's {@code accessToken} + {@code bioCode}; getting or resetting the token proves
 * itself with the bioCode or the previous token; the PoS QR image is public (it is printed at the counter) and the
 * sandbox exists only where it is enabled. The internal provider interface ({@code /api/pos/internal/**}) is
 * mpac-pgw's alone: its platform key (S2S HMAC) acting for a merchant in On-Behalf-Of.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PORTAL = "svc-portal";
    static final String API = "/api/pos/**";
    static final String GATEWAY = "mpac-pgw";
    static final String INTERNAL = "/api/pos/internal/**";
    static final String[] PUBLIC = { "/api/pos/manage/token", "/api/pos/manage/token/reset",
            "/api/pos/qrcode/*", "/api/pos/sandbox/**" };

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
    SecurityFilterChain publicPosSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher(PUBLIC);
        PosEntryPoint entryPoint = new PosEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }

    /** The internal provider interface: mpac-pgw's platform key only, acting for a merchant (On-Behalf-Of). */
    @Bean
    @Order(25)
    SecurityFilterChain internalProviderSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            HmacVerifier verifier, S2sProperties s2s) {
        http.securityMatcher(INTERNAL);
        PosEntryPoint entryPoint = new PosEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .addFilterBefore(new HmacAuthenticationFilter(verifier, entryPoint,
                        Math.toIntExact(s2s.maxBodySize().toBytes())), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(HmacAuthentication.service(GATEWAY)))
                .build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain posApiSecurityFilterChain(HttpSecurity http, PlatformSecurity platform, AccessTokens tokens,
            JsonMapper json, S2sProperties s2s) {
        http.securityMatcher(API);
        PosEntryPoint entryPoint = new PosEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .addFilterBefore(new PosAuthenticationFilter(tokens, json,
                        Math.toIntExact(s2s.maxBodySize().toBytes())), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(PosAuthenticationFilter.AUTHORITY))
                .build();
    }

    /** Failures in the API's own error shape; the message never says which check failed. */
    static final class PosEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
                throws IOException {
            PosErrorWriter.write(request, response, PosErrorCode.Unauthorized, PosAuthenticationFilter.REFUSED);
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
                throws IOException {
            PosErrorWriter.write(request, response, PosErrorCode.Forbidden, "You may not perform this operation.");
        }
    }
}
