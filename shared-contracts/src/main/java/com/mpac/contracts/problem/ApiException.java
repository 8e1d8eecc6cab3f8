package com.mpac.contracts.problem;

import java.util.Map;
import java.util.Set;

/**
 * A domain failure that maps to one problem type. Thrown by services, rendered by {@link PlatformExceptionHandler}.
 * {@code properties} become extension members of the problem document (e.g. the current status on a 409).
 */
public class ApiException extends RuntimeException {

    /** RFC 9457's members and the platform's {@code code}. */
    private static final Set<String> RESERVED_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code");

    private final ProblemType problemType;
    private final Map<String, Object> properties;

    public ApiException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of());
    }

    /**
     * @throws IllegalArgumentException for a property named like one of the problem document's own members: a
     * second {@code status} (an intent's beside the HTTP one) would make the document ambiguous, so name it after
     * what it is the status of, e.g. {@code bill_status}
     */
    public ApiException(ProblemType problemType, String detail, Map<String, Object> properties) {
        super(detail);
        for (String name : properties.keySet()) {
            if (RESERVED_MEMBERS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is a member of every problem document; name the "
                        + "property after what it describes");
            }
        }
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
