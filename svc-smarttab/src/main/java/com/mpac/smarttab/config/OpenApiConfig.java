package com.mpac.smarttab.config;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;

/**
 * The OpenAPI document describes the JSON SmartTab really reads and writes. The schemas are computed by swagger-core
 * with its own (Jackson 2) mapper, which knows neither the service's {@code SNAKE_CASE} naming
 * ({@code spring.jackson.property-naming-strategy}) nor that {@code OrderRequests.Create},
 * {@code BillRequests.Create} and {@code PaymentRequests.Create} are different types: without this the document
 * named every property in camelCase ({@code billId}) and gave {@code POST /orders}, {@code POST /bills} and
 * {@code POST /payments} one and the same body schema, so a client built from it could send nothing valid.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        ObjectMapper mapper = Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper, new NestedTypeNames());
    }

    /** A nested type is named with its enclosing type: {@code OrderRequestsCreate}, {@code PaymentRequestsRefund}. */
    static final class NestedTypeNames extends TypeNameResolver {

        @Override
        protected String nameForClass(Class<?> cls, Set<Options> options) {
            String name = super.nameForClass(cls, options);
            Class<?> enclosing = cls.getEnclosingClass();
            return enclosing == null || cls.isAnnotationPresent(io.swagger.v3.oas.annotations.media.Schema.class)
                    && !cls.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class).name().isEmpty()
                    ? name : enclosing.getSimpleName() + name;
        }
    }
}
