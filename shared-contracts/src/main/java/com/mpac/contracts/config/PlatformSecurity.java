package com.mpac.contracts.config;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import com.mpac.contracts.hmac.HmacAuthenticationFilter;
import com.mpac.contracts.hmac.HmacVerifier;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;
import com.mpac.contracts.problem.ProblemAuthenticationEntryPoint;

/**
 * What every API {@code SecurityFilterChain} of the platform shares: stateless, no CSRF (no cookies are ever
 * trusted), failures as problem documents. Services build their chains from it:
 * <pre>
 * http.securityMatcher("/v1/sync/**");
 * platformSecurity.hmacApi(http).authorizeHttpRequests(a -> a.anyRequest().hasAuthority(...));
 * </pre>
 */
public class PlatformSecurity {

    private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
    private final HmacVerifier hmacVerifier;
    private final int maxBodyBytes;

    public PlatformSecurity(HmacVerifier hmacVerifier, int maxBodyBytes) {
        this.hmacVerifier = hmacVerifier;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Stateless API defaults with problem-document failures. */
    public HttpSecurity api(HttpSecurity http) {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint));
    }

    /**
     * {@link #api} plus bearer-token authentication with the platform's human and device tokens; routes then
     * restrict the kind and roles with {@code CallerTokenSecurity.human(..)}, {@code .device(..)}.
     */
    public HttpSecurity tokenApi(HttpSecurity http, CallerTokenAuthenticationManagerResolver callerTokens) {
        return api(http).oauth2ResourceServer(CallerTokenSecurity.resourceServer(callerTokens, entryPoint, entryPoint))
                .addFilterBefore(new KeySetUnavailableFilter(), BearerTokenAuthenticationFilter.class);
    }

    /** {@link #api} plus S2S HMAC authentication of each request. */
    public HttpSecurity hmacApi(HttpSecurity http) {
        return api(http).addFilterBefore(new HmacAuthenticationFilter(hmacVerifier, entryPoint, maxBodyBytes),
                AuthorizationFilter.class);
    }

    public ProblemAuthenticationEntryPoint entryPoint() {
        return entryPoint;
    }
}
