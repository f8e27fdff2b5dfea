package io.resgate.spring.gateway.http;

import java.time.Duration;
import java.util.List;

import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.Subjects;

/**
 * The configuration of the HTTP API, independent of Spring.
 *
 * @param apiPath the path prefix, such as {@code /api}
 * @param encoding {@code json} or {@code jsonflat}
 * @param headerAuth resource method ({@code rid.method}) of an auth request sent before each
 * request, or {@code null}
 * @param allowOrigin allowed origins, or {@code ["*"]}
 * @param putMethod call method HTTP PUT is mapped to, or {@code null}
 * @param deleteMethod call method HTTP DELETE is mapped to, or {@code null}
 * @param patchMethod call method HTTP PATCH is mapped to, or {@code null}
 * @param maxBodySize largest request body accepted, in bytes
 * @param requestTimeout the timeout of one service request; a whole HTTP request may take several
 */
public record HttpApiSettings(String apiPath, String encoding, String headerAuth, List<String> allowOrigin,
		String putMethod, String deleteMethod, String patchMethod, long maxBodySize, Duration requestTimeout) {

	/**
	 * Validates the settings.
	 * @throws IllegalArgumentException if a setting is invalid
	 */
	public HttpApiSettings {
		putMethod = blankToNull(putMethod);
		deleteMethod = blankToNull(deleteMethod);
		patchMethod = blankToNull(patchMethod);
		headerAuth = blankToNull(headerAuth);
		checkMethod("resgate.put-method", putMethod);
		checkMethod("resgate.delete-method", deleteMethod);
		checkMethod("resgate.patch-method", patchMethod);
		if (headerAuth != null && (headerAuth.indexOf('?') >= 0 || !Rid.isValidName(headerAuth)
				|| headerAuth.lastIndexOf('.') < 0)) {
			throw new IllegalArgumentException(
					"Invalid resgate.header-auth '" + headerAuth + "': must be a valid resource method");
		}
		if (maxBodySize <= 0) {
			throw new IllegalArgumentException("resgate.api-max-body-size must be positive");
		}
		allowOrigin = (allowOrigin == null) ? List.of("*") : List.copyOf(allowOrigin);
	}

	private static String blankToNull(String s) {
		return (s == null || s.isBlank()) ? null : s.trim();
	}

	private static void checkMethod(String name, String method) {
		if (method != null && !Subjects.isValidMethod(method)) {
			throw new IllegalArgumentException(
					"Invalid " + name + " '" + method + "': must be a valid call method name");
		}
	}

	/** @return the resource ID of the header auth method, or {@code null} */
	String headerAuthRid() {
		return (headerAuth == null) ? null : headerAuth.substring(0, headerAuth.lastIndexOf('.'));
	}

	/** @return the method of the header auth method, or {@code null} */
	String headerAuthMethod() {
		return (headerAuth == null) ? null : headerAuth.substring(headerAuth.lastIndexOf('.') + 1);
	}

	/** @return the methods answered in CORS preflight responses */
	String allowMethods() {
		StringBuilder sb = new StringBuilder("GET, HEAD, OPTIONS, POST");
		if (putMethod != null) {
			sb.append(", PUT");
		}
		if (deleteMethod != null) {
			sb.append(", DELETE");
		}
		if (patchMethod != null) {
			sb.append(", PATCH");
		}
		return sb.toString();
	}

	/**
	 * @param httpMethod an HTTP method
	 * @return the call method it is mapped to, or {@code null}
	 */
	String mappedMethod(String httpMethod) {
		return switch (httpMethod) {
			case "PUT" -> putMethod;
			case "DELETE" -> deleteMethod;
			case "PATCH" -> patchMethod;
			default -> null;
		};
	}
}
