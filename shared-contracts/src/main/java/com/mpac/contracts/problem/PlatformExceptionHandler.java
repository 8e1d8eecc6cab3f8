package com.mpac.contracts.problem;

import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;

/**
 * The one translation of exceptions into RFC 9457 problem documents with a stable {@code type} and {@code code}.
 * Each platform service declares a {@code @RestControllerAdvice} that extends this class; adapters whose seed
 * prescribes another error shape override the handlers they need.
 */
public abstract class PlatformExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    protected ResponseEntity<Object> handleApiException(ApiException ex) {
        return body(Problems.of(ex.problemType(), ex.getMessage(), ex.properties()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    protected ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return body(Problems.of(ProblemTypes.VALIDATION_FAILED, "The request has invalid fields.",
                Map.of("errors", errors)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    protected ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        return body(Problems.of(ProblemTypes.VALIDATION_FAILED,
                "Parameter '" + ex.getName() + "' has an invalid value."));
    }

    /**
     * A body a controller parses itself (a provider's webhook, kept as raw bytes for its signature) that is not
     * JSON: the caller's mistake, like any other malformed body.
     */
    @ExceptionHandler(StreamReadException.class)
    protected ResponseEntity<Object> handleUnreadableJson(StreamReadException ex) {
        return body(Problems.of(ProblemTypes.MALFORMED_REQUEST, "The body is not valid JSON."));
    }

    /**
     * A body a controller parses itself beyond the parser's limits (nesting deeper than 500, a number or string
     * longer than allowed): refused like malformed JSON. Jackson 3 does not make this a {@link StreamReadException}.
     */
    @ExceptionHandler(StreamConstraintsException.class)
    protected ResponseEntity<Object> handleJsonBeyondLimits(StreamConstraintsException ex) {
        return body(Problems.of(ProblemTypes.MALFORMED_REQUEST, "The body is nested too deeply or is too large."));
    }

    /**
     * A value PostgreSQL cannot hold (SQLSTATE class 22, data exception: a NUL character, a number, date or text
     * out of its column's range) in a parameter or field: the caller's input, refused before anything is stored
     * (the statement fails, so its transaction rolls back).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    protected ResponseEntity<Object> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
        if (unstorableValue(ex)) {
            return body(Problems.of(ProblemTypes.VALIDATION_FAILED,
                    "The request contains a value that cannot be stored (such as a NUL character, or a number, "
                            + "date or text out of range)."));
        }
        return handleUnexpected(ex);
    }

    /** True when the database refused a value itself (SQLSTATE class 22), which only input can carry. */
    protected static boolean unstorableValue(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    // Security exceptions thrown from inside a controller (method security) keep their meaning.
    @ExceptionHandler(AccessDeniedException.class)
    protected ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        return body(Problems.of(ProblemTypes.FORBIDDEN, "You may not perform this operation."));
    }

    @ExceptionHandler(AuthenticationException.class)
    protected ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        return body(Problems.of(ProblemTypes.UNAUTHENTICATED, "Authentication required."));
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<Object> handleUnexpected(Exception ex) {
        log.error("Unhandled exception", ex);
        return body(Problems.of(ProblemTypes.INTERNAL_ERROR, "An internal error occurred."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(PlatformExceptionHandler::fieldError)
                .toList();
        return body(Problems.of(ProblemTypes.VALIDATION_FAILED, "The request has invalid fields.",
                Map.of("errors", errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", result.getMethodParameter().getParameterName() == null
                                        ? "parameter" : result.getMethodParameter().getParameterName(),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return body(Problems.of(ProblemTypes.VALIDATION_FAILED, "The request has invalid parameters.",
                Map.of("errors", errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // The parser's own message can echo request content; say what is wrong without it.
        return body(Problems.of(ProblemTypes.MALFORMED_REQUEST,
                "The request body is not valid JSON for this operation (malformed, wrong type or unknown value)."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(Problems.of(ProblemTypes.METHOD_NOT_ALLOWED, ex.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(Problems.of(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(Problems.of(ProblemTypes.NOT_ACCEPTABLE, "This resource is available as application/json."));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(Problems.of(ProblemTypes.NOT_FOUND, "No such resource."));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        // Whatever the base class built for the remaining Spring MVC exceptions, give it our type and code.
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            ProblemType type = ProblemTypes.forStatus(status.value());
            problem.setType(type.type());
            problem.setProperty("code", type.code());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    protected static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
