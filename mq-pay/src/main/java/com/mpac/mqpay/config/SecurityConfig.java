package com.mpac.mqpay.config;

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
import com.mpac.contracts.config.S2sProperties;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.hmac.HmacAuthenticationFilter;
import com.mpac.contracts.hmac.HmacVerifier;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.ErrorEnvelope;

/**
 * Who may call what. The configuration push is svc-portal's alone (platform problem documents). The MQ-Pay API is
 * for merchant back ends signing with their API keys (S2S HMAC), or a platform service naming the merchant in
 * {@code X-MPAC-On-Behalf-Of}; its failures answer in the seed's envelope. VNPAY's IPN, the QR images and the
 * sandbox are public; the internal provider interface is mpac-pgw's alone: the IPN proves itself with VNPAY's checksum, a QR image URL is an unguessable capability, and
 * the sandbox exists only where it is enabled.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PORTAL = "svc-portal";
    static final String GATEWAY = "mpac-pgw";
    static final String INTERNAL = ErrorEnvelope.API_PREFIX + "/internal/**";
    static final String API = ErrorEnvelope.API_PREFIX + "/**";
    static final String[] PUBLIC = { ErrorEnvelope.API_PREFIX + "/payments/vnpay/ipn",
            ErrorEnvelope.API_PREFIX + "/payments/qr/*", ErrorEnvelope.API_PREFIX + "/sandbox/**" };

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
    SecurityFilterChain publicMqPaySecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher(PUBLIC);
        EnvelopeEntryPoint envelope = new EnvelopeEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(envelope).accessDeniedHandler(envelope))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }

    /** The internal provider interface: mpac-pgw's platform key only, acting for a merchant (On-Behalf-Of). */
    @Bean
    @Order(25)
    SecurityFilterChain internalProviderSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            HmacVerifier verifier, S2sProperties s2s) {
        http.securityMatcher(INTERNAL);
        EnvelopeEntryPoint envelope = new EnvelopeEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(envelope).accessDeniedHandler(envelope))
                .addFilterBefore(new HmacAuthenticationFilter(verifier, envelope,
                        Math.toIntExact(s2s.maxBodySize().toBytes())), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(HmacAuthentication.service(GATEWAY)))
                .build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain mqPayApiSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            HmacVerifier verifier, S2sProperties s2s) {
        http.securityMatcher(API);
        EnvelopeEntryPoint envelope = new EnvelopeEntryPoint();
        return platform.api(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(envelope).accessDeniedHandler(envelope))
                .addFilterBefore(new HmacAuthenticationFilter(verifier, envelope,
                        Math.toIntExact(s2s.maxBodySize().toBytes())), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest()
                        .hasAnyAuthority(HmacAuthentication.MERCHANT, HmacAuthentication.PLATFORM))
                .build();
    }

    /** Authentication and authorization failures in the seed's envelope; the message never says which check failed. */
    static final class EnvelopeEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
                throws IOException {
            ErrorEnvelope.write(response, ErrorCode.UNAUTHORIZED,
                    "The request could not be authenticated: sign it with your API key (X-MPAC-* headers).");
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
                throws IOException {
            ErrorEnvelope.write(response, ErrorCode.FORBIDDEN, "You may not perform this operation.");
        }
    }
}
