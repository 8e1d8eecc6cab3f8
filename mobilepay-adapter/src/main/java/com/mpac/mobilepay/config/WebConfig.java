package com.mpac.mobilepay.config;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.problem.ProblemReshapingFilter;
import com.mpac.mobilepay.error.PosErrorCode;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /**
     * The shared filters' problem answers (Idempotency-Key reuse, in flight, body limits) in the POS error shape, JSON
     * or XML as the POS asks. Outside Spring Security's filter, so it also sees the idempotency filter's answers.
     */
    @Bean
    FilterRegistrationBean<ProblemReshapingFilter> posErrorResponseFilter(JsonMapper json) {
        var filter = new ProblemReshapingFilter("/api/pos/", json, (request, response, refusal) -> PosErrorWriter
                .write(request, response, PosErrorCode.ofStatus(refusal.status()), refusal.detail(),
                        refusal.status()));
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
