package io.resgate.spring.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The request being handled, for handler methods that declare a parameter of this type: everything
 * the annotations bind and more, the pre-response timeout, the meta object of the response, and for
 * auth requests the connection token.
 *
 * <p>Only valid while the handler runs (for asynchronous handlers: until the returned future completes).
 */
public interface ResRequest {

	/** @return the request type: {@code "access"}, {@code "get"}, {@code "call"} or {@code "auth"} */
	String type();

	/** @return the resource name, such as {@code library.book.42} */
	String resourceName();

	/** @return the resource ID: the name, with {@code ?query} if there is a query */
	String rid();

	/** @return the values of the pattern's placeholders by name */
	Map<String, String> pathParams();

	/**
	 * A value of the pattern's placeholders.
	 * @param name the placeholder name without {@code $}
	 * @return the value, or {@code null}
	 */
	String pathParam(String name);

	/** @return the query without {@code ?}, or an empty string */
	String query();

	/** @return the query parsed into decoded parameters, in order */
	Map<String, List<String>> queryParams();

	/** @return the method of a call or auth request, else {@code null} */
	String method();

	/** @return the connection ID, or {@code null} for get requests */
	String cid();

	/** @return the connection's token as JSON, or {@code null} if it has none */
	JsonNode rawToken();

	/**
	 * The token converted with Jackson.
	 * @param <T> the token type
	 * @param type the token type
	 * @return the token, or {@code null} if the connection has none
	 */
	<T> T token(Class<T> type);

	/** @return the params of a call or auth request as JSON, or {@code null} */
	JsonNode rawParams();

	/**
	 * The params converted with Jackson.
	 * @param <T> the params type
	 * @param type the params type
	 * @return the params, or {@code null} if there are none
	 * @throws io.resgate.spring.protocol.ResException with {@code system.invalidParams} if they do not convert
	 */
	<T> T params(Class<T> type);

	/** @return whether the request came from an HTTP request (not a WebSocket message) */
	boolean isHttp();

	/** @return the HTTP headers of the client connection (auth requests), possibly empty */
	Map<String, List<String>> header();

	/** @return the host the client connected to (auth requests), or {@code null} */
	String host();

	/** @return the client's network address (auth requests), or {@code null} */
	String remoteAddr();

	/** @return the URI the client connected with (auth requests), or {@code null} */
	String uri();

	/**
	 * Sends a pre-response {@code timeout:"<ms>"} now, so the gateway waits that long for the response.
	 * @param timeout the time the handler needs, from now
	 */
	void timeout(Duration timeout);

	/**
	 * Sets the HTTP status of the response's meta object (only sent when {@link #isHttp()}).
	 * @param status the HTTP status code
	 */
	void setResponseStatus(int status);

	/**
	 * Adds a value to an HTTP header of the response's meta object (only sent when {@link #isHttp()}).
	 * @param name the header name
	 * @param value the value
	 */
	void addResponseHeader(String name, String value);

	/**
	 * Sets the connection's access token (auth requests only): publishes {@code conn.<cid>.token} at once,
	 * before the response.
	 * @param token the token, or {@code null} to clear it
	 * @throws IllegalStateException if this is not an auth request
	 */
	void setToken(Object token);

	/**
	 * Sets the connection's access token with a token ID, by which {@code system.tokenReset} may later
	 * revoke it (auth requests only); published before the response.
	 * @param token the token, or {@code null} to clear it
	 * @param tid the token ID, or {@code null}
	 * @throws IllegalStateException if this is not an auth request
	 */
	void setToken(Object token, String tid);
}
