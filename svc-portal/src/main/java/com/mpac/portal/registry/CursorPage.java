package com.mpac.portal.registry;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code data}, whether more follows, and the cursor to pass as {@code startingAfter} for the
 * next page (the last item's id). Queries fetch {@code limit + 1} rows to learn whether more follows.
 */
public record CursorPage<T>(List<T> data, boolean hasMore, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
        boolean hasMore = fetched.size() > limit;
        List<T> data = hasMore ? List.copyOf(fetched.subList(0, limit)) : List.copyOf(fetched);
        return new CursorPage<>(data, hasMore, hasMore ? cursorOf.apply(data.getLast()) : null);
    }
}
