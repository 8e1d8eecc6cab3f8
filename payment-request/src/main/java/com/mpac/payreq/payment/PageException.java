package com.mpac.payreq.payment;

import org.springframework.http.HttpStatus;

/** The hosted page refuses: it renders the "unavailable" page with this status and message. */
final class PageException extends RuntimeException {

    private final HttpStatus status;

    PageException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static PageException notFound() {
        return new PageException(HttpStatus.NOT_FOUND, "This payment link does not exist.");
    }
}
