package com.mpac.contracts.problem;

import java.util.Map;

/**
 * A domain failure that maps to one problem type. Thrown by services, rendered by {@link PlatformExceptionHandler}.
 * {@code properties} become extension members of the problem document (e.g. the current status on a 409).
 */
public class ApiException extends RuntimeException {

    private final ProblemType problemType;
    private final Map<String, Object> properties;

    public ApiException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of());
    }

    public ApiException(ProblemType problemType, String detail, Map<String, Object> properties) {
        super(detail);
        this.problemType = problemType;
        this.properties = Map.copyOf(properties);
    }

    public ProblemType problemType() {
        return problemType;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
