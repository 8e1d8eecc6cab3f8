package com.mpac.contracts.config;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.hmac.HmacKeyResolver;
import com.mpac.contracts.hmac.HmacVerifier;
import com.mpac.contracts.hmac.NonceStore;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.contracts.idempotency.IdempotencyFilter;
import com.mpac.contracts.idempotency.IdempotencyStore;
import com.mpac.contracts.web.RequestLogFilter;

/**
 * The shared mechanisms every service gets by depending on shared-contracts: S2S HMAC verification with a nonce
 * store, idempotency keys, secrets at rest, and the shared tables' migrations.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties({ S2sProperties.class, IdempotencyProperties.class, RequestLogProperties.class })
public class PlatformAutoConfiguration {

    /** Shared tables version separately from the service's own, in their own history table. */
    static final String SHARED_MIGRATIONS = "classpath:db/mpac-shared";
    static final String SHARED_HISTORY_TABLE = "flyway_shared_history";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PlatformKeys platformKeys(@Value("${mpac.platform-keys:}") String setting) {
        return PlatformKeys.parse(setting);
    }

    @Bean
    NonceStore nonceStore(JdbcClient jdbc, S2sProperties properties) {
        return new NonceStore(jdbc, properties.replayWindow());
    }

    /** Platform keys first, then any resolver a service adds for its merchants' keys. */
    @Bean
    HmacVerifier hmacVerifier(List<HmacKeyResolver> resolvers, NonceStore nonces, Clock clock,
            S2sProperties properties) {
        HmacKeyResolver all = keyId -> resolvers.stream()
                .map(resolver -> resolver.resolve(keyId))
                .flatMap(Optional::stream)
                .findFirst();
        return new HmacVerifier(all, nonces, clock, properties.clockSkew());
    }

    @Bean
    PlatformSecurity platformSecurity(HmacVerifier verifier, S2sProperties properties) {
        return new PlatformSecurity(verifier, Math.toIntExact(properties.maxBodySize().toBytes()));
    }

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc, SecretCipher cipher, IdempotencyProperties properties) {
        return new IdempotencyStore(jdbc, cipher, properties.lease(), properties.retention());
    }

    /** After Spring Security's filter (order -100), so the caller that scopes a key is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store,
            IdempotencyProperties idempotency, S2sProperties s2s) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, idempotency.requiredPaths(),
                Math.toIntExact(s2s.maxBodySize().toBytes())));
        registration.setOrder(0);
        return registration;
    }

    /** First of all filters, so refusals by the security and idempotency filters are logged too. */
    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter(RequestLogProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestLogFilter(properties.redactedParameters()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ExpiredRowsPurger expiredRowsPurger(NonceStore nonces, IdempotencyStore idempotency) {
        return new ExpiredRowsPurger(nonces, idempotency);
    }

    /** Every service keeps something secret at rest (at least stored idempotent responses): no master key, no start. */
    @Bean
    SecretCipher secretCipher(@Value("${mpac.master-key:}") String masterKey) {
        if (masterKey.isBlank()) {
            throw new IllegalStateException("MPAC_MASTER_KEY is not set: every service needs the platform master key "
                    + "(base64 of 32 random bytes) to keep secrets at rest");
        }
        return new SecretCipher(masterKey);
    }

    /**
     * Wrong types are refused, not guessed at: Jackson would read {@code "name": 5} or {@code "email": true} as the
     * text "5" or "true", {@code "amount": "1500"} as a number and, worse for money, {@code "amount": 10.5} as 10.
     * With this, such a body is a 400 {@code malformed_request} like every other wrong type.
     */
    @Bean
    JsonMapperBuilderCustomizer refuseScalarsAsText() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy sharedThenOwnMigrations() {
        return flyway -> {
            flyway.migrate();
            // Baseline 0: the service's migrations created the schema already; ours start at V1 after it.
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .locations(SHARED_MIGRATIONS)
                    .table(SHARED_HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        };
    }
}
