package com.mpac.pgw.intent;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ProblemType;

/** The gateway's own problem types, beside the platform's. */
final class PaymentProblems {

    static final ProblemType UNEXPECTED_STATE = new ProblemType("payment_intent_unexpected_state",
            HttpStatus.CONFLICT, "PaymentIntent in an unexpected state");
    static final ProblemType PROVIDER_NOT_ENABLED = new ProblemType("provider_not_enabled", HttpStatus.BAD_REQUEST,
            "Provider not enabled");
    static final ProblemType PAYMENT_METHOD_NOT_SUPPORTED = new ProblemType("payment_method_not_supported",
            HttpStatus.BAD_REQUEST, "Payment method not supported");
    static final ProblemType AMOUNT_TOO_LARGE = new ProblemType("amount_too_large", HttpStatus.BAD_REQUEST,
            "Amount too large");
    static final ProblemType PROVIDER_UNAVAILABLE = new ProblemType("provider_unavailable",
            HttpStatus.SERVICE_UNAVAILABLE, "Provider unavailable");
    static final ProblemType PROVIDER_DECLINED = new ProblemType("provider_declined", HttpStatus.PAYMENT_REQUIRED,
            "Provider declined");

    private PaymentProblems() {
    }
}
