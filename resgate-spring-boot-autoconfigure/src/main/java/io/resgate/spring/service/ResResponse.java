package io.resgate.spring.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.Rid;

/**
 * A handler response with full control: a result, a resource response or an error, with an optional
 * meta object (HTTP status and headers, such as {@code Set-Cookie}) for requests that came over HTTP
 * (the meta object is left out otherwise). Gateways honour 3XX, 4XX and 5XX statuses and ignore
 * others. Immutable; the {@code with} methods return new instances.
 *
 * <pre>{@code
 * return ResResponse.ok(Access.granted()).withHeader("Set-Cookie", "session=...");
 * return ResResponse.<Void>ok(null).withStatus(303).withHeader("Location", "/books");
 * return ResResponse.resource("library.book.42");
 * return ResResponse.error(ResError.ACCESS_DENIED).withStatus(401).withHeader("WWW-Authenticate", "Bearer");
 * }</pre>
 *
 * @param <T> the result type
 */
public final class ResResponse<T> {

	private final T result;

	private final String resource;

	private final ResError error;

	private final Integer status;

	private final Map<String, List<String>> headers;

	private ResResponse(T result, String resource, ResError error, Integer status, Map<String, List<String>> headers) {
		this.result = result;
		this.resource = resource;
		this.error = error;
		this.status = status;
		this.headers = headers;
	}

	/**
	 * A result response (for get handlers the model or collection, for access handlers an {@link Access}).
	 * @param <T> the result type
	 * @param result the result, may be {@code null}
	 * @return the response
	 */
	public static <T> ResResponse<T> ok(T result) {
		return new ResResponse<>(result, null, null, null, Map.of());
	}

	/**
	 * A resource response: {@code {"resource":{"rid":...}}} (call and auth handlers).
	 * @param <T> any type
	 * @param rid the resource ID
	 * @return the response
	 */
	public static <T> ResResponse<T> resource(String rid) {
		if (!Rid.isValid(rid)) {
			throw new IllegalArgumentException("Invalid resource ID: " + rid);
		}
		return new ResResponse<>(null, rid, null, null, Map.of());
	}

	/**
	 * An error response.
	 * @param <T> any type
	 * @param error the error
	 * @return the response
	 */
	public static <T> ResResponse<T> error(ResError error) {
		return new ResResponse<>(null, null, Objects.requireNonNull(error, "error"), null, Map.of());
	}

	/**
	 * Sets the HTTP status of the meta object.
	 * @param status the HTTP status code
	 * @return a new response
	 */
	public ResResponse<T> withStatus(int status) {
		return new ResResponse<>(result, resource, error, status, headers);
	}

	/**
	 * Adds values to an HTTP header of the meta object.
	 * @param name the header name, such as {@code "Set-Cookie"}
	 * @param values the values to add
	 * @return a new response
	 */
	public ResResponse<T> withHeader(String name, String... values) {
		Map<String, List<String>> h = new LinkedHashMap<>(headers);
		List<String> list = new ArrayList<>(h.getOrDefault(name, List.of()));
		Collections.addAll(list, values);
		h.put(name, List.copyOf(list));
		return new ResResponse<>(result, resource, error, status, Collections.unmodifiableMap(h));
	}

	/** @return the result, or {@code null} */
	public T result() {
		return result;
	}

	/** @return the resource ID of a resource response, or {@code null} */
	public String resource() {
		return resource;
	}

	/** @return the error of an error response, or {@code null} */
	public ResError error() {
		return error;
	}

	/** @return the meta HTTP status, or {@code null} */
	public Integer status() {
		return status;
	}

	/** @return the meta HTTP headers, possibly empty */
	public Map<String, List<String>> headers() {
		return headers;
	}
}
