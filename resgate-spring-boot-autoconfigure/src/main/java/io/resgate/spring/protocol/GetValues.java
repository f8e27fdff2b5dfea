package io.resgate.spring.protocol;

import java.util.List;
import java.util.Map;

/**
 * The result of a get request with the values of its model or collection already read, and the
 * normalized query of a query resource.
 *
 * @param <V> the type the values are read into
 * @param model the model's values sorted by key, unmodifiable, or {@code null}
 * @param collection the collection's values, unmodifiable, or {@code null}
 * @param query the normalized query, {@code ""} if none
 */
public record GetValues<V>(Map<String, V> model, List<V> collection, String query) {
}
