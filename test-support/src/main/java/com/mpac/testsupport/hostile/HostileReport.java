package com.mpac.testsupport.hostile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a hostile run found: how many requests over how many operations, and every answer that was wrong. */
public record HostileReport(String service, int requests, int operations, int containerRefusals,
        List<Failure> failures,
        Map<String, String> excludedTables) {

    public record Failure(String method, String target, String variant, int status, String problem, String excerpt) {

        static Failure of(HostileRequest request, int status, String problem, String body) {
            String target = request.pathAndQuery();
            String excerpt = body == null ? "" : body.replaceAll("\\s+", " ");
            return new Failure(request.method(), target.length() > 120 ? target.substring(0, 120) + "..." : target,
                    request.variant(), status, problem, excerpt.length() > 300 ? excerpt.substring(0, 300) + "..."
                            : excerpt);
        }

        @Override
        public String toString() {
            return method + " " + target + " [" + variant + "] -> " + status + " " + problem + ": " + excerpt;
        }
    }

    public long serverErrors() {
        return failures.stream().filter(failure -> failure.problem().equals("server error")).count();
    }

    /** {@code hostile input <service>: <N> requests over <M> operations, <k> server errors}. */
    public String summary() {
        return "hostile input " + service + ": " + requests + " requests over " + operations + " operations, "
                + serverErrors() + " server errors (" + containerRefusals + " refused by the container before the "
                + "service's error handling)";
    }

    /** Every failure, one a line, for an assertion message. */
    public String details() {
        return failures.stream().map(Failure::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
