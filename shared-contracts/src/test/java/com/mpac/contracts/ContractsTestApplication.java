package com.mpac.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.mpac.contracts.config.PlatformSecurity;
import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.hmac.HmacCaller;
import com.mpac.contracts.hmac.HmacKey;
import com.mpac.contracts.hmac.HmacKeyResolver;
import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.jwt.CallerTokenAuthenticationManagerResolver;
import com.mpac.contracts.jwt.CallerTokenSecurity;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.PlatformExceptionHandler;
import com.mpac.contracts.problem.ProblemTypes;

/** A minimal service that uses the shared mechanisms the way the real services do. */
@SpringBootApplication
public class ContractsTestApplication {

    public static final String MERCHANT_KEY_ID = "mpk_merchant_test01";
    public static final List<String> MERCHANT_SECRETS = List.of("merchant-secret-new-000000000",
            "merchant-secret-old-000000000");

    @Bean
    @Order(10)
    SecurityFilterChain s2sChain(HttpSecurity http, PlatformSecurity platform) {
        http.securityMatcher("/s2s/**");
        return platform.hmacApi(http)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/s2s/portal-only").hasAuthority(HmacAuthentication.service("svc-portal"))
                        .anyRequest().hasAnyAuthority(HmacAuthentication.PLATFORM, HmacAuthentication.MERCHANT))
                .build();
    }

    @Bean
    @Order(11)
    SecurityFilterChain tokenChain(HttpSecurity http, PlatformSecurity platform,
            CallerTokenAuthenticationManagerResolver callerTokens) {
        http.securityMatcher("/tokens/**");
        return platform.tokenApi(http, callerTokens)
                .authorizeHttpRequests(rules -> rules.anyRequest().access(CallerTokenSecurity.humanOrDevice()))
                .build();
    }

    @Bean
    HmacKeyResolver merchantKeys() {
        return keyId -> MERCHANT_KEY_ID.equals(keyId)
                ? Optional.of(new HmacKey(keyId, MERCHANT_SECRETS, new HmacCaller(HmacCaller.Kind.MERCHANT, "m_1", keyId)))
                : Optional.empty();
    }

    @RestController
    public static class TestController {

        public final AtomicInteger payments = new AtomicInteger();
        public volatile CountDownLatch gate = new CountDownLatch(0);

        @PostMapping("/s2s/echo")
        Map<String, Object> echo(HmacAuthentication caller, @RequestBody String body) {
            return Map.of("caller", caller.getName(), "merchant", caller.merchantId().orElse("-"), "body", body);
        }

        @org.springframework.web.bind.annotation.GetMapping("/tokens/me")
        String me() {
            return CallerToken.current().subject();
        }

        @PostMapping("/s2s/portal-only")
        Map<String, Object> portalOnly() {
            return Map.of("ok", true);
        }

        record Payment(long amount) {
        }

        @PostMapping("/s2s/payments")
        ResponseEntity<Map<String, Object>> pay(@RequestBody Payment payment) throws InterruptedException {
            if (payment.amount() < 0) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED, "amount must not be negative");
            }
            gate.await(10, TimeUnit.SECONDS);
            int n = payments.incrementAndGet();
            return ResponseEntity.status(201).body(Map.of("payment", n, "amount", payment.amount()));
        }
    }

    @RestControllerAdvice
    static class ProblemHandler extends PlatformExceptionHandler {
    }
}
