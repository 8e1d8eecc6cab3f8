package com.mpac.payreq.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's own refusals in its error shape. Everything else (malformed JSON, wrong types, unsupported media types)
 * is answered by the platform's problem handler and rewritten into this shape by the shared {@code ProblemReshapingFilter} (see WebConfig).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(PaymentRequestException.class)
    ResponseEntity<PaymentRequestError> refused(PaymentRequestException ex) {
        PaymentRequestError body = PaymentRequestError.of(ex.code(), ex.getMessage());
        log.info("Refused {} magTranID={}: {}", ex.code(), body.magTranID(), ex.getMessage());
        return ResponseEntity.status(ex.code().status()).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
