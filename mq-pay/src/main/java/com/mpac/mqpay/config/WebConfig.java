package com.mpac.mqpay.config;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.problem.ProblemReshapingFilter;
import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.ErrorEnvelope;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /**
     * The shared filters' problem answers in the seed's envelope on MQ-Pay routes. Outside Spring Security's filter,
     * so it also sees the S2S filter's and the idempotency filter's answers.
     */
    @Bean
    FilterRegistrationBean<ProblemReshapingFilter> envelopeResponseFilter(JsonMapper json) {
        var filter = new ProblemReshapingFilter(ErrorEnvelope.API_PREFIX + "/", json, (request, response, refusal) -> {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(ErrorEnvelope.of(
                    ErrorCode.ofProblem(refusal.code(), refusal.status()), refusal.detail())));
        });
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
