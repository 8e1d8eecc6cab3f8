package com.mpac.portal.mfa;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ProblemType;

/** Problem types of MFA. */
final class MfaProblems {

    /** The mfaToken is unknown, expired, used or burnt by wrong codes: log in again. */
    static final ProblemType INVALID_MFA_TOKEN = new ProblemType("invalid_mfa_token", HttpStatus.UNAUTHORIZED,
            "Invalid MFA token");
    /** The code or recovery code is wrong or already used; the mfaToken is still good for another try. */
    static final ProblemType INVALID_MFA_CODE = new ProblemType("invalid_mfa_code", HttpStatus.UNAUTHORIZED,
            "Invalid MFA code");
    /** A logged-in user's code (to confirm, regenerate or disable) is wrong or already used. */
    static final ProblemType MFA_CODE_REJECTED = new ProblemType("mfa_code_rejected",
            HttpStatus.UNPROCESSABLE_CONTENT, "MFA code rejected");
    static final ProblemType MFA_ALREADY_ENABLED = new ProblemType("mfa_already_enabled", HttpStatus.CONFLICT,
            "MFA already enabled");
    static final ProblemType MFA_NOT_ENABLED = new ProblemType("mfa_not_enabled", HttpStatus.CONFLICT,
            "MFA not enabled");
    static final ProblemType MFA_ENROLMENT_NOT_STARTED = new ProblemType("mfa_enrolment_not_started",
            HttpStatus.CONFLICT, "MFA enrolment not started");

    private MfaProblems() {
    }
}
