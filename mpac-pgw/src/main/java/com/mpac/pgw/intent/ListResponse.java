package com.mpac.pgw.intent;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A page of a list; {@code has_more} says whether the cursor in the same direction finds more. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ListResponse<T>(String object, List<T> data, boolean hasMore) {

    static <T> ListResponse<T> of(List<T> data, boolean hasMore) {
        return new ListResponse<>("list", data, hasMore);
    }
}
