package com.mpac.portal.auth;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ProblemType;

/** Problem types of login, password change and impersonation. */
final class AuthProblems {

    /** Unknown email, wrong password or disabled account: one answer, so nobody learns which. */
    static final ProblemType INVALID_CREDENTIALS = new ProblemType("invalid_credentials", HttpStatus.UNAUTHORIZED,
            "Invalid credentials");
    static final ProblemType INVALID_CURRENT_PASSWORD = new ProblemType("invalid_current_password",
            HttpStatus.UNPROCESSABLE_CONTENT, "Current password is wrong");
    static final ProblemType USER_DISABLED = new ProblemType("user_disabled", HttpStatus.CONFLICT, "User disabled");

    private AuthProblems() {
    }
}
