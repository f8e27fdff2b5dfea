package io.resgate.spring.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the token of a client connection in the HTTP request that opens it: the WebSocket upgrade
 * request, or an HTTP API request. Called on the request's thread, after the servlet filters (so
 * after the application's security filter chain), before the connection makes any request. The
 * gateway uses the application's one bean of this type, if any.
 */
@FunctionalInterface
public interface ConnectionTokenResolver {

	/**
	 * Finds the token of the connection the request opens.
	 * @param request the request
	 * @return the token, or {@code null} for none (the connection starts without a token)
	 */
	ConnectionToken resolve(HttpServletRequest request);
}
