package com.mpac.contracts.jwt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What a service writes in its own {@code SecurityFilterChain} to accept portal tokens, each kind only where it is
 * meant to be used:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http, CallerTokenAuthenticationManagerResolver callerTokens) {
 *     ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
 *     return http.securityMatcher("/api/**")
 *             .authorizeHttpRequests(requests -> requests
 *                     .requestMatchers("/api/v1/orders/**").access(CallerTokenSecurity.humanOrDevice())
 *                     .requestMatchers("/api/v1/shifts/**").access(CallerTokenSecurity.device("shifts"))
 *                     .requestMatchers("/api/v1/merchants/**").access(CallerTokenSecurity.human("PSP_ADMIN"))
 *                     .anyRequest().denyAll())
 *             .oauth2ResourceServer(CallerTokenSecurity.resourceServer(callerTokens, problems, problems))
 *             .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
 *             .csrf(AbstractHttpConfigurer::disable)
 *             .build();
 * }
 * }</pre>
 *
 * Plain {@code hasAuthority(TokenKind.DEVICE_AUTHORITY)} / {@code hasRole("CASHIER")} rules work as well.
 *
 * <p>Where the RFC 9457 answers plug in: the entry point given to {@link #resourceServer(
 * CallerTokenAuthenticationManagerResolver, AuthenticationEntryPoint, AccessDeniedHandler)} answers both an invalid
 * token (from the bearer-token filter) and a missing one (the resource server registers it as the chain's default
 * entry point); the access-denied handler answers a valid token of the wrong kind or role (403). Without them Spring
 * answers 401/403 with a {@code WWW-Authenticate: Bearer} header and no body. A key set that cannot be fetched (portal
 * down, nothing cached) is not the caller's fault: Spring raises {@code AuthenticationServiceException}, which is
 * rethrown rather than answered as 401; {@code PlatformSecurity.tokenApi(..)} answers it as a 503 problem with
 * {@code Retry-After}, and is the way platform services wire all of this.
 */
public final class CallerTokenSecurity {

    private CallerTokenSecurity() {
    }

    /** Bearer tokens authenticated by {@code resolver}, failures answered by Spring's defaults. */
    public static Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> resourceServer(
            CallerTokenAuthenticationManagerResolver resolver) {
        return resourceServer -> resourceServer.authenticationManagerResolver(resolver);
    }

    /**
     * Bearer tokens authenticated by {@code resolver}; 401s answered by {@code entryPoint} and 403s by
     * {@code accessDeniedHandler} (the shared {@code ProblemAuthenticationEntryPoint} is both).
     */
    public static Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> resourceServer(
            CallerTokenAuthenticationManagerResolver resolver, AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler accessDeniedHandler) {
        return resourceServer -> resourceServer.authenticationManagerResolver(resolver)
                .authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(accessDeniedHandler);
    }

    /** A human token; when roles are given, holding at least one of them. */
    public static <T> AuthorizationManager<T> human(String... anyOfRoles) {
        AuthorizationManager<T> human = AuthorityAuthorizationManager.hasAuthority(TokenKind.HUMAN_AUTHORITY);
        return (anyOfRoles.length == 0) ? human
                : AuthorizationManagers.allOf(human, AuthorityAuthorizationManager.hasAnyRole(anyOfRoles));
    }

    /** A device token; when scopes are given, holding every one of them. */
    public static <T> AuthorizationManager<T> device(String... allOfScopes) {
        List<AuthorizationManager<T>> required = new ArrayList<>();
        required.add(AuthorityAuthorizationManager.hasAuthority(TokenKind.DEVICE_AUTHORITY));
        Arrays.stream(allOfScopes)
                .forEach(scope -> required.add(AuthorityAuthorizationManager.hasAuthority("SCOPE_" + scope)));
        return allOf(required);
    }

    /** Any verified portal token, human or device. */
    public static <T> AuthorizationManager<T> humanOrDevice() {
        return AuthorityAuthorizationManager.hasAnyAuthority(TokenKind.HUMAN_AUTHORITY, TokenKind.DEVICE_AUTHORITY);
    }

    @SuppressWarnings("unchecked")
    private static <T> AuthorizationManager<T> allOf(List<AuthorizationManager<T>> managers) {
        return AuthorizationManagers.allOf(managers.toArray(AuthorizationManager[]::new));
    }
}
