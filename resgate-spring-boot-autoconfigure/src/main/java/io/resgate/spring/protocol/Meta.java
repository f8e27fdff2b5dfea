package io.resgate.spring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The meta object of a service response: an HTTP status and headers for the client's HTTP or
 * WebSocket upgrade response, honoured only when the request had {@code isHttp} set.
 *
 * @param status the HTTP status code, or {@code null}
 * @param header the headers (canonical MIME keys to values), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Meta(Integer status, Map<String, List<String>> header) {

	/**
	 * The canonical form of an HTTP header key, as Go's {@code CanonicalMIMEHeaderKey}: the first
	 * letter and every letter after a hyphen in upper case, the others in lower case. A key holding
	 * a character not allowed in a header name is returned unchanged.
	 * @param key the header key
	 * @return the canonical key
	 */
	public static String canonicalKey(String key) {
		for (int i = 0; i < key.length(); i++) {
			if (!isTokenChar(key.charAt(i))) {
				return key;
			}
		}
		StringBuilder sb = new StringBuilder(key.length());
		boolean upper = true;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (upper && c >= 'a' && c <= 'z') {
				c = (char) (c - 'a' + 'A');
			}
			else if (!upper && c >= 'A' && c <= 'Z') {
				c = (char) (c - 'A' + 'a');
			}
			sb.append(c);
			upper = c == '-';
		}
		return sb.toString();
	}

	private static boolean isTokenChar(char c) {
		if (c > 126 || c <= 32) {
			return false;
		}
		return "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
	}
}
