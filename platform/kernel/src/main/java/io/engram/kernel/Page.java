package io.engram.kernel;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items  the items on this page, in listing order
 * @param offset how many items of the listing come before the first one here
 * @param limit  the largest page asked for
 * @param total  how many items the whole listing has
 * @param <T>    the item type
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public Page {
        items = List.copyOf(items);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + " must be >= 0");
        }
    }

    /** The page of {@code all} that starts at {@code offset} and has at most {@code limit} items. */
    public static <T> Page<T> of(List<T> all, int offset, int limit) {
        int from = Math.min(Math.max(0, offset), all.size());
        int to = (int) Math.min(all.size(), (long) from + Math.max(0, limit));
        return new Page<>(all.subList(from, to), Math.max(0, offset), Math.max(0, limit), all.size());
    }

    /** Whether items follow this page. */
    public boolean more() {
        return (long) offset + items.size() < total;
    }
}
