package com.mpac.mia.error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.json.JsonMapper;

/**
 * The MIA POS error shape. The document shows only successes ({@code "result": "success"}); failures keep that
 * envelope: {@code {"result": "error", "errorCode": "...", "errorMessage": "..."}}, with an HTTP status that says
 * the class of failure; a wrong OTP adds {@code leftAttempts}.
 * The status says (400 bad input, 401 no valid seller token, 404 unknown or another terminal's, 409 state).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorEnvelope(String result, String errorCode, String errorMessage, Integer leftAttempts) {

    public static final String API_PREFIX = "/pos/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ErrorEnvelope of(String code, String message) {
        return new ErrorEnvelope("error", code, message, null);
    }

    /** For filters that answer before Spring MVC. */
    public static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(of(code, message)));
    }
}
