package io.resgate.spring.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.resgate.spring.protocol.Meta;

/**
 * The rules for meta objects of service responses to HTTP requests: header keys in canonical
 * form, {@code Set-Cookie} values accumulated while other headers are overridden by the later
 * response, protected headers never taken from a service, and which statuses are honoured.
 */
final class MetaHeaders {

	static final String SET_COOKIE = "Set-Cookie";

	/** Headers a service cannot set. */
	static final Set<String> PROTECTED = Set.of("Sec-Websocket-Extensions", "Sec-Websocket-Protocol",
			"Access-Control-Allow-Credentials", "Access-Control-Allow-Origin", "Content-Type");

	private MetaHeaders() {
	}

	/**
	 * The canonical form of a header key: the first letter and every letter after a hyphen in
	 * upper case, the others in lower case. A key holding a character not allowed in a header
	 * name is returned unchanged.
	 * @param key the header key
	 * @return the canonical key
	 */
	static String canonicalKey(String key) {
		return Meta.canonicalKey(key);
	}

	/**
	 * The headers of a meta object with canonical keys; values of keys that become equal are joined.
	 * @param header the headers, or {@code null}
	 * @return the canonical headers, never {@code null}
	 */
	static Map<String, List<String>> canonical(Map<String, List<String>> header) {
		Map<String, List<String>> out = new LinkedHashMap<>();
		if (header != null) {
			header.forEach((k, v) -> out.computeIfAbsent(canonicalKey(k), x -> new ArrayList<>())
				.addAll(v == null ? List.of() : v));
		}
		return out;
	}

	/**
	 * Merges a later meta object into an earlier one: the later status wins if set; the later
	 * headers replace earlier ones of the same key, except {@code Set-Cookie} whose values are
	 * appended.
	 * @param earlier the earlier meta, or {@code null}
	 * @param later the later meta, or {@code null}
	 * @return the merged meta, or {@code null} if both are {@code null}
	 */
	static Meta merge(Meta earlier, Meta later) {
		if (earlier == null) {
			return later;
		}
		if (later == null) {
			return earlier;
		}
		Integer status = (later.status() != null) ? later.status() : earlier.status();
		Map<String, List<String>> header = canonical(earlier.header());
		mergeInto(header, canonical(later.header()), false);
		return new Meta(status, (earlier.header() == null && later.header() == null) ? null : header);
	}

	/**
	 * Merges headers into a target: replacing values, appending {@code Set-Cookie} values.
	 * @param target the headers to change
	 * @param header the headers to merge in
	 * @param skipProtected whether protected headers are left out
	 */
	static void mergeInto(Map<String, List<String>> target, Map<String, List<String>> header, boolean skipProtected) {
		if (header == null) {
			return;
		}
		header.forEach((k, v) -> {
			String key = canonicalKey(k);
			if (skipProtected && PROTECTED.contains(key)) {
				return;
			}
			List<String> values = (v == null) ? List.of() : v;
			if (SET_COOKIE.equals(key)) {
				target.computeIfAbsent(key, x -> new ArrayList<>()).addAll(values);
			}
			else {
				target.put(key, new ArrayList<>(values));
			}
		});
	}

	/**
	 * Tells if a meta object's status ends the request at once: a 3XX, 4XX or 5XX status.
	 * @param meta the meta, or {@code null}
	 * @return whether the status is to be answered directly
	 */
	static boolean isDirectResponseStatus(Meta meta) {
		return meta != null && meta.status() != null && meta.status() >= 300 && meta.status() < 600;
	}

	/**
	 * Tells if a meta object's status may be honoured: absent, or 3XX to 5XX.
	 * @param meta the meta, or {@code null}
	 * @return whether the status is valid
	 */
	static boolean isValidStatus(Meta meta) {
		return meta == null || meta.status() == null || isDirectResponseStatus(meta);
	}
}
