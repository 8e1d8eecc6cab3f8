package com.mpac.mqpay.config;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
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
import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.ErrorEnvelope;
import com.mpac.mqpay.error.MqPayException;

/**
 * The service's one error translation. Routes under {@code /api/mq-pay} answer in the seed's envelope
 * {@code {"error": {"code", "message"}}}; the platform route (the configuration push) keeps the platform's problem
 * documents. The envelope is chosen by path, not by controller, so errors raised before a controller is found
 * (unknown route, wrong method) get it too.
 */
@RestControllerAdvice
class ErrorHandler extends PlatformExceptionHandler {

    @ExceptionHandler(MqPayException.class)
    ResponseEntity<Object> handleMqPay(MqPayException ex) {
        return envelope(ex.code(), ex.getMessage());
    }

    /**
     * Values validation let through but the database refuses (a NUL character in a text, a number beyond a
     * column) are bad input: a 400, and the transaction rolled back. A duplicate key is a conflict.
     */
    @Override
    protected ResponseEntity<Object> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
        if (!isMqPayRoute()) {
            return super.handleDataIntegrityViolation(ex);
        }
        if (ex instanceof DuplicateKeyException) {
            return envelope(ErrorCode.CONFLICT, "This conflicts with an existing record; read it and retry.");
        }
        return envelope(ErrorCode.VALIDATION_ERROR,
                "A value cannot be stored (a NUL character, or a number out of range).");
    }

    @Override
    protected ResponseEntity<Object> handleApiException(ApiException ex) {
        return answer(super.handleApiException(ex));
    }

    @Override
    protected ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        if (!isMqPayRoute()) {
            return super.handleConstraintViolation(ex);
        }
        String fields = ex.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return envelope(ErrorCode.VALIDATION_ERROR, "Invalid fields: " + fields);
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
        if (!isMqPayRoute()) {
            return super.handleMethodArgumentNotValid(ex, headers, status, request);
        }
        String fields = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return envelope(ErrorCode.VALIDATION_ERROR, "Invalid fields: " + fields);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(super.handleHandlerMethodValidationException(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!isMqPayRoute()) {
            return super.handleHttpMessageNotReadable(ex, headers, status, request);
        }
        return envelope(ErrorCode.VALIDATION_ERROR, describe(ex));
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
        if (!isMqPayRoute() || !(problem.getBody() instanceof ProblemDetail detail)) {
            return problem;
        }
        Object problemCode = detail.getProperties() == null ? null : detail.getProperties().get("code");
        ErrorCode code = ErrorCode.ofProblem(String.valueOf(problemCode), detail.getStatus());
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(problem.getHeaders());
        headers.remove(HttpHeaders.CONTENT_TYPE);
        return ResponseEntity.status(detail.getStatus()).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(code, detail.getDetail()));
    }

    private static ResponseEntity<Object> envelope(ErrorCode code, String message) {
        return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON)
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

    private static boolean isMqPayRoute() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRequestURI().startsWith(ErrorEnvelope.API_PREFIX + "/");
        }
        return false;
    }
}
