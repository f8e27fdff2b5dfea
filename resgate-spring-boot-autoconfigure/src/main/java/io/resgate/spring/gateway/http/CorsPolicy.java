package io.resgate.spring.gateway.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.resgate.spring.protocol.ResError;

/**
 * Cross-origin rules of the HTTP API, following Resgate: with {@code *} every origin is allowed;
 * otherwise a request whose {@code Origin} header is none of the allowed origins is forbidden,
 * while a request without origin (or with {@code null}) is not from a browser and is allowed.
 */
final class CorsPolicy {

	private final List<String> allowOrigin;

	private final boolean anyOrigin;

	private final boolean credentials;

	private final String allowMethods;

	/**
	 * @param allowOrigin the allowed origins, or {@code *} alone; entries may also be separated by
	 * semicolons, as in Resgate's configuration
	 * @param credentials whether credentials are allowed (header authentication is on)
	 * @param allowMethods the value of {@code Access-Control-Allow-Methods} in preflight responses
	 * @throws IllegalArgumentException if an origin is not {@code <scheme>://<host>[:<port>]}
	 */
	CorsPolicy(List<String> allowOrigin, boolean credentials, String allowMethods) {
		List<String> origins = new ArrayList<>();
		if (allowOrigin != null) {
			for (String entry : allowOrigin) {
				for (String o : entry.split(";", -1)) {
					origins.add(o.trim().toLowerCase(Locale.ROOT));
				}
			}
		}
		if (origins.isEmpty() || (origins.size() == 1 && origins.get(0).isEmpty())) {
			origins = new ArrayList<>(List.of("*"));
		}
		validate(origins);
		origins.sort(null);
		this.allowOrigin = List.copyOf(origins);
		this.anyOrigin = "*".equals(this.allowOrigin.get(0));
		this.credentials = credentials;
		this.allowMethods = allowMethods;
	}

	private static void validate(List<String> origins) {
		for (String o : origins) {
			if ("*".equals(o)) {
				if (origins.size() > 1) {
					throw new IllegalArgumentException("Invalid resgate.allow-origin: '*' must not be used together with other origins");
				}
				continue;
			}
			if (o.isEmpty()) {
				throw new IllegalArgumentException("Invalid resgate.allow-origin: origin must not be empty");
			}
			try {
				URI u = new URI(o);
				if (u.getScheme() == null || u.getHost() == null || u.getUserInfo() != null
						|| !(u.getRawPath() == null || u.getRawPath().isEmpty()) || u.getRawQuery() != null
						|| u.getRawFragment() != null) {
					throw new IllegalArgumentException();
				}
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Invalid resgate.allow-origin: '" + o + "' doesn't match <scheme>://<hostname>[:<port>]");
			}
		}
	}

	/** @return the allowed origins, sorted; {@code [*]} for any */
	List<String> allowOrigin() {
		return allowOrigin;
	}

	/**
	 * Sets the common CORS headers of a response.
	 * @param origin the request's {@code Origin} header, or {@code null}
	 * @param reply the response
	 * @return {@code null} if the request may go on, else the forbidden origin error
	 */
	ResError apply(String origin, HttpReply reply) {
		if (credentials) {
			reply.setHeader("Access-Control-Allow-Credentials", "true");
		}
		if (anyOrigin) {
			reply.setHeader("Access-Control-Allow-Origin", "*");
			return null;
		}
		if (origin == null || "null".equals(origin)) {
			return null;
		}
		reply.setHeader("Vary", "Origin");
		for (String allowed : allowOrigin) {
			if (allowed.equalsIgnoreCase(origin)) {
				reply.setHeader("Access-Control-Allow-Origin", origin);
				return null;
			}
		}
		reply.setHeader("Access-Control-Allow-Origin", allowOrigin.get(0));
		return HttpErrors.FORBIDDEN_ORIGIN;
	}

	/**
	 * Sets the headers of a preflight ({@code OPTIONS}) response.
	 * @param requestHeaders the values of the request's {@code Access-Control-Request-Headers} header lines
	 * @param reply the response
	 */
	void applyPreflight(List<String> requestHeaders, HttpReply reply) {
		reply.setHeader("Access-Control-Allow-Methods", allowMethods);
		if (requestHeaders != null && !requestHeaders.isEmpty()) {
			reply.setHeader("Access-Control-Allow-Headers", String.join(", ", requestHeaders));
		}
	}
}
