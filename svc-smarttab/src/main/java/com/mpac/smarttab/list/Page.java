package com.mpac.smarttab.list;

import java.util.List;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list, newest first. {@code next_cursor} is passed back as {@code cursor} for the next page; it is
 * opaque to clients (the row's sequence number).
 */
public record Page<T>(String object, List<T> data, boolean hasMore, @Nullable String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** From {@code limit + 1} rows fetched: the extra one only says there is more. */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, ToLongFunction<T> seq) {
        boolean more = rowsPlusOne.size() > limit;
        List<T> data = more ? List.copyOf(rowsPlusOne.subList(0, limit)) : List.copyOf(rowsPlusOne);
        String next = more ? Long.toString(seq.applyAsLong(data.getLast())) : null;
        return new Page<>("list", data, more, next);
    }

    /** The cursor as a sequence number to search below; {@code Long.MAX_VALUE} for the first page. */
    public static long below(@Nullable String cursor) {
        if (cursor == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        }
        catch (NumberFormatException ex) {
            throw new com.mpac.contracts.problem.ApiException(com.mpac.contracts.problem.ProblemTypes.VALIDATION_FAILED,
                    "cursor: not a cursor this API returned");
        }
    }
}
