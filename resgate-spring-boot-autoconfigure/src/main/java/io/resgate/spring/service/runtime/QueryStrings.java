package io.resgate.spring.service.runtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses query strings ({@code a=1&b=2&a=3}) into decoded parameters; malformed pairs are skipped.
 */
final class QueryStrings {

	private QueryStrings() {
	}

	static Map<String, List<String>> parse(String query) {
		if (query == null || query.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> result = new LinkedHashMap<>();
		for (String pair : query.split("[&;]")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String k = (eq < 0) ? pair : pair.substring(0, eq);
			String v = (eq < 0) ? "" : pair.substring(eq + 1);
			try {
				k = URLDecoder.decode(k, StandardCharsets.UTF_8);
				v = URLDecoder.decode(v, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			result.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
		}
		Map<String, List<String>> ro = new LinkedHashMap<>();
		result.forEach((k, v) -> ro.put(k, Collections.unmodifiableList(v)));
		return Collections.unmodifiableMap(ro);
	}
}
