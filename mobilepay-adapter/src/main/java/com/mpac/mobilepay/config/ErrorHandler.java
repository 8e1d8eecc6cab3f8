package com.mpac.mobilepay.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.mpac.contracts.problem.PlatformExceptionHandler;
import com.mpac.mobilepay.error.PosError;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;

/**
 * The service's one error translation. Routes under {@code /api/pos} answer {@code {"code", "message"}} (JSON, or
 * XML when asked); the configuration push keeps the platform's problem documents. Chosen by path, so errors raised
 * before a controller is found (unknown route, wrong method) get the POS shape too. Messages never echo the query
 * string, which carries the access token.
 */
@RestControllerAdvice
class ErrorHandler extends PlatformExceptionHandler {

    @ExceptionHandler(PosException.class)
    ResponseEntity<Object> handlePos(PosException ex) {
        return pos(ex.code(), ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
        if (!isPosRoute()) {
            return super.handleDataIntegrityViolation(ex);
        }
        if (ex instanceof DuplicateKeyException) {
            return pos(PosErrorCode.Conflict, "This conflicts with an existing record; read it and retry.");
        }
        return pos(PosErrorCode.InvalidParameter, "A value cannot be stored (a NUL character, or out of range).");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        if (!isPosRoute()) {
            return super.handleTypeMismatch(ex);
        }
        return pos(PosErrorCode.InvalidParameter, "Parameter '" + ex.getName() + "' has a wrong type or value.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!isPosRoute()) {
            return super.handleHttpMessageNotReadable(ex, headers, status, request);
        }
        return pos(PosErrorCode.InvalidParameter,
                "The request body is not a valid JSON object for this operation (check field names and types).");
    }

    @Override
    protected ResponseEntity<Object> handleUnexpected(Exception ex) {
        return answer(super.handleUnexpected(ex));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return answer(super.createResponseEntity(body, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleApiException(com.mpac.contracts.problem.ApiException ex) {
        return answer(super.handleApiException(ex));
    }

    @Override
    protected ResponseEntity<Object> handleConstraintViolation(jakarta.validation.ConstraintViolationException ex) {
        return answer(super.handleConstraintViolation(ex));
    }

    @Override
    protected ResponseEntity<Object> handleUnreadableJson(tools.jackson.core.exc.StreamReadException ex) {
        return answer(super.handleUnreadableJson(ex));
    }

    @Override
    protected ResponseEntity<Object> handleAccessDenied(org.springframework.security.access.AccessDeniedException ex) {
        return answer(super.handleAccessDenied(ex));
    }

    @Override
    protected ResponseEntity<Object> handleAuthentication(
            org.springframework.security.core.AuthenticationException ex) {
        return answer(super.handleAuthentication(ex));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            org.springframework.web.bind.MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (!isPosRoute()) {
            return super.handleMethodArgumentNotValid(ex, headers, status, request);
        }
        String fields = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage()).sorted()
                .collect(java.util.stream.Collectors.joining("; "));
        return pos(PosErrorCode.InvalidParameter, "Invalid fields: " + fields);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(super.handleHandlerMethodValidationException(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            org.springframework.web.HttpRequestMethodNotSupportedException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(super.handleHttpRequestMethodNotSupported(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(super.handleHttpMediaTypeNotSupported(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            org.springframework.web.HttpMediaTypeNotAcceptableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(super.handleNoResourceFoundException(ex, headers, status, request));
    }

    /** A problem answer turned into the POS shape on POS routes; unchanged elsewhere. */
    private static ResponseEntity<Object> answer(ResponseEntity<Object> problem) {
        if (!isPosRoute() || !(problem.getBody() instanceof ProblemDetail detail)) {
            return problem;
        }
        PosErrorCode code = PosErrorCode.ofStatus(detail.getStatus());
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(problem.getHeaders());
        headers.remove(HttpHeaders.CONTENT_TYPE);
        String message = detail.getDetail() == null ? detail.getTitle() : detail.getDetail();
        return ResponseEntity.status(detail.getStatus()).headers(headers).body(PosError.of(code, message));
    }

    private static ResponseEntity<Object> pos(PosErrorCode code, String message) {
        return ResponseEntity.status(code.status()).body(PosError.of(code, message));
    }

    private static boolean isPosRoute() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRequestURI().startsWith("/api/pos/");
        }
        return false;
    }
}
