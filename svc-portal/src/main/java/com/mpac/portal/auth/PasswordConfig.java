package com.mpac.portal.auth;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The one password encoder of the portal (users' passwords; other features inject it for their own slow hashes).
 * Hashes look like {@code {bcrypt}$2a$10$...}, as {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()}
 * writes them, so the algorithm can change later with old hashes still verifying. Unlike the factory's encoder it knows
 * only bcrypt: a {@code {noop}} or MD5 hash that found its way into the table is refused, never compared in plain.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder()));
    }
}
