package com.mpac.smarttab.config;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.mpac.contracts.problem.PlatformExceptionHandler;
import com.mpac.contracts.problem.Problems;
import com.mpac.contracts.problem.ProblemTypes;

/** Errors as RFC 9457 problem documents with the platform's types and codes. */
@RestControllerAdvice
class ProblemHandler extends PlatformExceptionHandler {

    /**
     * The database's money invariants (CHECK constraints) are the last line: a request that slipped past the checks
     * in code, e.g. in a race, is refused as a conflict and writes nothing. A value the database cannot hold (NUL,
     * out of range) is bad input, as everywhere on the platform.
     */
    @Override
    protected ResponseEntity<Object> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
        if (unstorableValue(ex)) {
            return super.handleDataIntegrityViolation(ex);
        }
        return body(Problems.of(ProblemTypes.CONFLICT, "The change conflicts with the current state; nothing was "
                + "written."));
    }

    /** Every connection busy for the pool's whole wait: an overload, so the client should come back later. */
    @ExceptionHandler(CannotGetJdbcConnectionException.class)
    ResponseEntity<Object> handleNoConnection(CannotGetJdbcConnectionException ex) {
        ProblemDetail problem = Problems.of(ProblemTypes.SERVICE_UNAVAILABLE, "The service is overloaded; retry "
                + "with the same Idempotency-Key.");
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
