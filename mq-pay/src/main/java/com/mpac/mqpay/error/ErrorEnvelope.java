package com.mpac.mqpay.error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/** The seed's error shape: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorEnvelope(Error error) {

    public static final String API_PREFIX = "/api/mq-pay";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Error(String code, String message) {
    }

    public static ErrorEnvelope of(ErrorCode code, String message) {
        return new ErrorEnvelope(new Error(code.name(), message));
    }

    /** For filters that answer before Spring MVC (authentication). */
    public static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(of(code, message)));
    }
}
