package io.resgate.spring.service;

import java.util.Objects;

/**
 * The get result of a query resource with its normalized query: requests whose queries normalize to
 * the same string share one cached resource in the gateway.
 *
 * @param <T> the model or collection type
 * @param value the model or collection
 * @param query the normalized query
 */
public record QueryResult<T>(T value, String query) {

	public QueryResult {
		Objects.requireNonNull(query, "query");
	}

	/**
	 * A result with its normalized query.
	 * @param <T> the model or collection type
	 * @param value the model or collection
	 * @param normalizedQuery the normalized query
	 * @return the result
	 */
	public static <T> QueryResult<T> of(T value, String normalizedQuery) {
		return new QueryResult<>(value, normalizedQuery);
	}
}
