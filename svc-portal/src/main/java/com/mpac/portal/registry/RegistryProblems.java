package com.mpac.portal.registry;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.contracts.problem.ProblemTypes;

/** Problem types of the registry and the features hanging off it (users, API keys, API users). */
public final class RegistryProblems {

    public static final ProblemType ILLEGAL_TRANSITION = new ProblemType("illegal_status_transition",
            HttpStatus.CONFLICT, "Status change not allowed");
    public static final ProblemType PARENT_NOT_ACTIVE = new ProblemType("parent_not_active", HttpStatus.CONFLICT,
            "Parent not active");
    public static final ProblemType LIMIT_REACHED = new ProblemType("limit_reached", HttpStatus.CONFLICT,
            "Limit reached");
    public static final ProblemType ALREADY_IN_USE = new ProblemType("already_in_use", HttpStatus.CONFLICT,
            "Already in use");
    public static final ProblemType FIELD_NOT_ALLOWED = new ProblemType("field_not_allowed", HttpStatus.FORBIDDEN,
            "Field not allowed");

    private RegistryProblems() {
    }

    /** 400 {@code validation_failed} for one field, shaped like bean validation's answers. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(ProblemTypes.VALIDATION_FAILED, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /** 403 naming the fields the caller sent but may not set; nothing is applied. */
    public static ApiException fieldsNotAllowed(List<String> fields) {
        return new ApiException(FIELD_NOT_ALLOWED, "You may not set these fields: " + String.join(", ", fields) + ".",
                Map.of("fields", List.copyOf(fields)));
    }

    public static ApiException illegalTransition(String from, String to) {
        return new ApiException(ILLEGAL_TRANSITION, "The status cannot change from " + from + " to " + to + ".",
                Map.of("currentStatus", from));
    }
}
