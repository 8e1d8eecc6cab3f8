package com.mpac.payreq.config;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.problem.ProblemReshapingFilter;
import com.mpac.payreq.error.ErrorCode;
import com.mpac.payreq.error.PaymentRequestError;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /**
     * The shared filters' problem answers (idempotency keys, body limits, malformed JSON, wrong media types) in the
     * Payment Request API's error shape. Outside Spring Security's filter, so it also sees the shared filters' answers.
     */
    @Bean
    FilterRegistrationBean<ProblemReshapingFilter> apiErrorResponseFilter(JsonMapper json) {
        var filter = new ProblemReshapingFilter("/api/", json, (request, response, refusal) -> {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(
                    PaymentRequestError.of(ErrorCode.ofStatus(refusal.status()), refusal.detail())));
        });
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
