package com.mpac.pgw.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.problem.Problems;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.pgw.intent.ClientSecretAuthentication;
import com.mpac.pgw.intent.ClientSecrets;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyAuthority;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;

/**
 * Who may call what. The configuration push is svc-portal's alone. PaymentIntent server routes take a merchant's
 * HMAC key or svc-smarttab's platform key (acting for a merchant); the frontend routes also take the intent's
 * client secret. Provider webhooks and the sandbox authenticate inside their controllers (each provider has its own
 * scheme); everything else is closed by the platform's deny-all chain.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PORTAL = "svc-portal";
    static final String SMARTTAB = "svc-smarttab";

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
    SecurityFilterChain paymentIntentSecurityFilterChain(HttpSecurity http, PlatformSecurity platform,
            ClientSecrets clientSecrets) {
        AuthorizationManager<RequestAuthorizationContext> server = hasAnyAuthority(HmacAuthentication.MERCHANT,
                HmacAuthentication.service(SMARTTAB));
        AuthorizationManager<RequestAuthorizationContext> serverOrClient = AuthorizationManagers.anyOf(server,
                hasAuthority(ClientSecretAuthentication.AUTHORITY));
        http.securityMatcher("/v1/payment_intents", "/v1/payment_intents/**", "/v1/events", "/v1/events/**");
        return platform.hmacApi(http)
                .addFilterBefore(new ClientSecretFilter(clientSecrets), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.GET, "/v1/payment_intents/*", "/v1/payment_intents/*/transactions")
                        .access(serverOrClient)
                        .requestMatchers(HttpMethod.POST, "/v1/payment_intents/*/confirm",
                                "/v1/payment_intents/*/cancel")
                        .access(serverOrClient)
                        .anyRequest().access(server))
                .build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain providerSecurityFilterChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher("/v1/webhooks/**", "/v1/sandbox/**", "/sandbox/**");
        return platform.api(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }

    /**
     * Authenticates {@code X-MPAC-Client-Secret}. A request that also carries an HMAC signature was already
     * authenticated by it; a wrong secret is a 401 like a wrong signature, never a silent anonymous request.
     */
    private static final class ClientSecretFilter extends OncePerRequestFilter {

        private final ClientSecrets clientSecrets;

        ClientSecretFilter(ClientSecrets clientSecrets) {
            this.clientSecrets = clientSecrets;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String secret = request.getHeader(ClientSecrets.HEADER);
            if (secret == null || SecurityContextHolder.getContext().getAuthentication() instanceof HmacAuthentication) {
                chain.doFilter(request, response);
                return;
            }
            var authentication = clientSecrets.authenticate(secret);
            if (authentication.isEmpty()) {
                Problems.write(response, ProblemTypes.UNAUTHENTICATED, "The client secret is not valid.");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication.get());
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
        }
    }
}
