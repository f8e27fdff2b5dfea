/**
 * Connections authenticated by the application: the token a client connection starts with, taken
 * from the HTTP request that opens it (the WebSocket upgrade or an HTTP API request), so no
 * {@code auth} request is needed. With Spring Security, the request's {@code Authentication}
 * becomes the token through a replaceable {@link io.resgate.spring.gateway.auth.ResTokenMapper}.
 */
package io.resgate.spring.gateway.auth;
