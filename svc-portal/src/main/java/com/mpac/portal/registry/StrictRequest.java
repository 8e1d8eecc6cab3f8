package com.mpac.portal.registry;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A request body that refuses fields it does not declare. Jackson 3 ignores unknown properties by default and an
 * annotation cannot turn that back on for one type, so a record implementing this interface gets an any-setter that
 * fails: a field the caller may not set (an id, a status, a password hash) is answered 400, never silently dropped.
 */
public interface StrictRequest {

    @JsonAnySetter
    default void refuseUnknownField(String name, Object value) {
        throw new UnknownFieldException(name);
    }

    /** Raised for a field the request type does not declare; the name is safe to show, the value is never kept. */
    final class UnknownFieldException extends IllegalArgumentException {

        private final String field;

        UnknownFieldException(String field) {
            super("Unknown field '" + (field.length() > 64 ? field.substring(0, 64) + "..." : field) + "'");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
