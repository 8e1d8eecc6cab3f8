package com.mpac.mia.config;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.PlatformExceptionHandler;
import com.mpac.mia.error.ErrorEnvelope;
import com.mpac.mia.error.MiaException;

/**
 * The service's one error translation. Routes under {@code /pos/} answer in the MIA envelope
 * {@code {"result": "error", "errorCode", "errorMessage"}}; the platform route (the configuration push) keeps the platform's problem
 * documents. The envelope is chosen by path, not by controller, so errors raised before a controller is found
 * (unknown route, wrong method) get it too.
 */
@RestControllerAdvice
class ErrorHandler extends PlatformExceptionHandler {

    @ExceptionHandler(MiaException.class)
    ResponseEntity<Object> handleMia(MiaException ex) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_JSON);
        if (ex.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
        }
        return answer.body(new ErrorEnvelope("error", ex.code(), ex.getMessage(), ex.leftAttempts()));
    }

    /**
     * Values validation let through but the database refuses (a NUL character in a text, a number beyond a
     * column) are bad input: a 400, and the transaction rolled back. A duplicate key is a conflict.
     */
    @Override
    protected ResponseEntity<Object> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
        if (!isPosRoute()) {
            return super.handleDataIntegrityViolation(ex);
        }
        if (ex instanceof DuplicateKeyException) {
            return envelope(HttpStatus.CONFLICT, "conflict", "This conflicts with an existing record; read it and retry.");
        }
        return envelope(HttpStatus.BAD_REQUEST, "validation_error",
                "A value cannot be stored (a NUL character, or a number out of range).");
    }

    @Override
    protected ResponseEntity<Object> handleApiException(ApiException ex) {
        return answer(super.handleApiException(ex));
    }

    @Override
    protected ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        if (!isPosRoute()) {
            return super.handleConstraintViolation(ex);
        }
        String fields = ex.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return envelope(HttpStatus.BAD_REQUEST, "validation_error", "Invalid fields: " + fields);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        return answer(super.handleTypeMismatch(ex));
    }

    @Override
    protected ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        return answer(super.handleAccessDenied(ex));
    }

    @Override
    protected ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        return answer(super.handleAuthentication(ex));
    }

    @Override
    protected ResponseEntity<Object> handleUnexpected(Exception ex) {
        return answer(super.handleUnexpected(ex));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!isPosRoute()) {
            return super.handleMethodArgumentNotValid(ex, headers, status, request);
        }
        String fields = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return envelope(HttpStatus.BAD_REQUEST, "validation_error", "Invalid fields: " + fields);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(super.handleHandlerMethodValidationException(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!isPosRoute()) {
            return super.handleHttpMessageNotReadable(ex, headers, status, request);
        }
        return envelope(HttpStatus.BAD_REQUEST, "validation_error", describe(ex));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(super.handleHttpRequestMethodNotSupported(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(super.handleHttpMediaTypeNotSupported(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(super.handleNoResourceFoundException(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return answer(super.createResponseEntity(body, headers, status, request));
    }

    /** A problem answer turned into the envelope on MQ-Pay routes; unchanged elsewhere. */
    private static ResponseEntity<Object> answer(ResponseEntity<Object> problem) {
        if (!isPosRoute() || !(problem.getBody() instanceof ProblemDetail detail)) {
            return problem;
        }
        Object problemCode = detail.getProperties() == null ? null : detail.getProperties().get("code");
        String code = problemCode == null ? HttpStatus.valueOf(detail.getStatus()).name().toLowerCase()
                : String.valueOf(problemCode).toLowerCase();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(problem.getHeaders());
        headers.remove(HttpHeaders.CONTENT_TYPE);
        return ResponseEntity.status(detail.getStatus()).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(code, detail.getDetail()));
    }

    private static ResponseEntity<Object> envelope(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(code, message));
    }

    // The parser's own message can echo request content: name the field, not the value.
    private static String describe(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String path = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "Field '" + path + "' is missing or has a wrong type or an unknown value.";
        }
        return "The request body is not valid JSON for this operation.";
    }

    private static boolean isPosRoute() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRequestURI().startsWith(ErrorEnvelope.API_PREFIX);
        }
        return false;
    }
}
