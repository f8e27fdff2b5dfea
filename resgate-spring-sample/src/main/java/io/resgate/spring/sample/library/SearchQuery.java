package io.resgate.spring.sample.library;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
	 * The {@code LIKE} pattern of the search text: {@code %text%}, with {@code %}, {@code _} and {@code \}
	 * in the text escaped.
	 * @return the pattern
	 */
	String likePattern() {
		return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
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
