package io.resgate.spring.sample.library;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.ResException;

/**
 * The query of {@code library.search}: {@code q} (text in the title or author, any case; empty matches
 * all), {@code offset} (from 0) and {@code limit} (1 to 50, default 10). Out-of-range values answer
 * {@code system.invalidQuery}.
 *
 * @param q the search text, trimmed and in lower case
 * @param offset the index of the first result
 * @param limit the largest number of results
 */
public record SearchQuery(String q, int offset, int limit) {

	static final int MAX_LIMIT = 50;

	public SearchQuery {
		q = q == null ? "" : q.trim().toLowerCase();
		if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
			throw ResException.invalidQuery();
		}
	}

	/**
	 * Parses query parameters (of a query request).
	 * @param params the decoded query parameters
	 * @return the query
	 */
	static SearchQuery parse(Map<String, List<String>> params) {
		try {
			return new SearchQuery(first(params, "q", ""), Integer.parseInt(first(params, "offset", "0")),
					Integer.parseInt(first(params, "limit", "10")));
		}
		catch (NumberFormatException ex) {
			throw ResException.invalidQuery();
		}
	}

	private static String first(Map<String, List<String>> params, String name, String defaultValue) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? defaultValue : values.get(0);
	}

	/**
	 * The normalized query: queries that differ only in case, spacing, order or defaults share it, and so
	 * share one cached resource in the gateway.
	 * @return {@code q=...&offset=...&limit=...}
	 */
	public String normalized() {
		return "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&offset=" + offset + "&limit=" + limit;
	}
}
