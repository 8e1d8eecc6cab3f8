package com.mpac.contracts.problem;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import tools.jackson.databind.json.JsonMapper;

/** Builds problem documents, and writes them from filters that run before Spring MVC. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        return of(type, detail, Map.of());
    }

    public static ProblemDetail of(ProblemType type, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        problem.setProperty("code", type.code());
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** For servlet filters (authentication, idempotency) that answer before a controller is chosen. */
    public static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        write(response, of(type, detail));
    }

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
