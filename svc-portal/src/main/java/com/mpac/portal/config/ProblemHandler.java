package com.mpac.portal.config;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.mpac.contracts.problem.PlatformExceptionHandler;

/** Errors as RFC 9457 problem documents with the platform's types and codes. */
@RestControllerAdvice
class ProblemHandler extends PlatformExceptionHandler {
}
