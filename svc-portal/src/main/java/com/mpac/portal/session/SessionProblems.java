package com.mpac.portal.session;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ProblemType;

/** Problem types of refresh and logout. */
final class SessionProblems {

    /** Unknown, expired, revoked or already used: the client must log in again. */
    static final ProblemType INVALID_REFRESH_TOKEN = new ProblemType("invalid_refresh_token", HttpStatus.UNAUTHORIZED,
            "Invalid refresh token");

    private SessionProblems() {
    }
}
