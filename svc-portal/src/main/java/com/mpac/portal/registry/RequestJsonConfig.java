package com.mpac.portal.registry;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Wrong types are refused, not guessed at: Jackson would read {@code "name": 5} or {@code "email": true} as the text
 * "5" or "true". Refusing number and boolean tokens where text is expected makes such a body a 400
 * {@code malformed_request}, like every other wrong type (PLATFORM.md, "Errors"). It applies to the portal's whole
 * JSON API; it belongs in shared-contracts' platform defaults once every service wants it.
 */
@Configuration(proxyBeanMethods = false)
class RequestJsonConfig {

    @Bean
    JsonMapperBuilderCustomizer refuseScalarsAsText() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
