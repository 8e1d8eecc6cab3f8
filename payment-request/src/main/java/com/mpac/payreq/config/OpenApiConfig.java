package com.mpac.payreq.config;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The Payment Request API's Basic credentials, as the OpenAPI document shows them. */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "Username '{CustomerCode}/{Username}' (the merchant's Magensa customer code and an API user "
                + "created in svc-portal), the API user's password. Any failure is a bare 401.")
class OpenApiConfig {
}
