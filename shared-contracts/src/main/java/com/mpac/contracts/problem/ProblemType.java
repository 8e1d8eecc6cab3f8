package com.mpac.contracts.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * A stable kind of error: its {@code type} URI and machine-readable {@code code} never change once published, so
 * clients can branch on them. Services define their own beside the shared ones in {@link ProblemTypes}.
 */
public record ProblemType(String code, HttpStatus status, String title) {

    static final String BASE_URI = "https://docs.mpac.dev/problems/";

    public URI type() {
        return URI.create(BASE_URI + code.replace('_', '-'));
    }
}
