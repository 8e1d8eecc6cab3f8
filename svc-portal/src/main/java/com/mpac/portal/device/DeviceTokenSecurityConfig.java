package com.mpac.portal.device;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import com.mpac.contracts.config.PlatformSecurity;

/**
 * The device token endpoint, built on Spring Authorization Server, and nothing else of it: this chain matches the
 * token endpoint alone, so the server's other endpoints (authorize, introspect, revoke, metadata, its own JWK Set)
 * never see a request and fall to the platform's deny-all chain. Only the client_credentials grant, only
 * client_secret_basic and client_secret_post client authentication; tokens come from {@link DeviceTokenGenerator}.
 * Because the portal declares its own chains, Spring Boot's default authorization-server chain stays off.
 */
@Configuration(proxyBeanMethods = false)
class DeviceTokenSecurityConfig {

    /** Also replaces Boot's settings bean; the endpoints other than the token endpoint are unreachable anyway. */
    @Bean
    AuthorizationServerSettings deviceAuthorizationServerSettings() {
        return AuthorizationServerSettings.builder().tokenEndpoint(DeviceTokens.TOKEN_ENDPOINT).build();
    }

    @Bean
    OAuth2AuthorizationService deviceAuthorizationService(JdbcOperations jdbc, TerminalClients clients) {
        return new HashedTokenAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients.unfiltered()));
    }

    @Bean
    @Order(10)
    SecurityFilterChain deviceTokenSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            AuthorizationServerSettings settings, TerminalClients clients,
            OAuth2AuthorizationService deviceAuthorizationService, DeviceTokenGenerator tokens,
            PasswordEncoder passwordEncoder) {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(DeviceTokens.TOKEN_ENDPOINT));
        platform.api(http)
                .oauth2AuthorizationServer(server -> server
                        .authorizationServerSettings(settings)
                        .registeredClientRepository(clients)
                        .authorizationService(deviceAuthorizationService)
                        .tokenGenerator(tokens)
                        .clientAuthentication(client -> client
                                .authenticationConverters(converters -> converters.removeIf(converter ->
                                        !(converter instanceof ClientSecretBasicAuthenticationConverter)
                                                && !(converter instanceof ClientSecretPostAuthenticationConverter)))
                                .authenticationProviders(providers -> {
                                    providers.removeIf(provider ->
                                            !(provider instanceof ClientSecretAuthenticationProvider));
                                    providers.forEach(provider -> ((ClientSecretAuthenticationProvider) provider)
                                            .setPasswordEncoder(passwordEncoder));
                                }))
                        .tokenEndpoint(endpoint -> endpoint
                                .accessTokenRequestConverters(converters -> {
                                    converters.clear();
                                    converters.add(
                                            new DefaultScope(new OAuth2ClientCredentialsAuthenticationConverter()));
                                })
                                .authenticationProviders(providers -> providers.removeIf(provider ->
                                        !(provider instanceof OAuth2ClientCredentialsAuthenticationProvider)))))
                .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                // A request without client credentials is answered like one with wrong ones (RFC 6749 5.2).
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new InvalidClient()));
        return http.build();
    }

    /** A terminal that asks for no scope gets its only one, so the token response names it. */
    private record DefaultScope(AuthenticationConverter delegate) implements AuthenticationConverter {

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            Authentication converted = delegate.convert(request);
            if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()) {
                return new OAuth2ClientCredentialsAuthenticationToken((Authentication) grant.getPrincipal(),
                        Set.of(DeviceTokens.SCOPE), grant.getAdditionalParameters());
            }
            return converted;
        }
    }

    /** The OAuth2 error shape this endpoint speaks, rather than the platform's problem documents. */
    private static final class InvalidClient implements AuthenticationEntryPoint {

        private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response,
                AuthenticationException exception) throws IOException {
            ServletServerHttpResponse out = new ServletServerHttpResponse(response);
            out.setStatusCode(HttpStatus.UNAUTHORIZED);
            converter.write(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT), null, out);
        }
    }
}
