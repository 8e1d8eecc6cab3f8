package com.mpac.smarttab.config;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
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
     * in code, e.g. in a race, is refused as a conflict and writes nothing.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrityViolation(DataIntegrityViolationException ex) {
        return body(Problems.of(ProblemTypes.CONFLICT, "The change conflicts with the current state; nothing was "
                + "written."));
    }
}
