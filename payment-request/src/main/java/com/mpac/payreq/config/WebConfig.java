package com.mpac.payreq.config;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** Outside Spring Security's filter, so it also sees the shared filters' answers. */
    @Bean
    FilterRegistrationBean<ApiErrorResponseFilter> apiErrorResponseFilter(JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new ApiErrorResponseFilter(json));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
