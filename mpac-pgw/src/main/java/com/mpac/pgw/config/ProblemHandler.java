package com.mpac.pgw.config;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.mpac.contracts.problem.PlatformExceptionHandler;

/** mpac-pgw answers every error as an RFC 9457 problem document with the platform's types and codes. */
@RestControllerAdvice
class ProblemHandler extends PlatformExceptionHandler {
}
