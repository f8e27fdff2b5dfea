/**
 * The request path shared by the WebSocket endpoint and the HTTP API: {@link
 * io.resgate.spring.gateway.requests.GatewayService} creates connections and owns the cache;
 * {@link io.resgate.spring.gateway.requests.ClientRequestHandler} parses RES-Client requests and
 * answers them through the connection.
 *
 * <p>Internal to the gateway: classes here are public only so that the gateway's packages can use
 * one another; applications configure the gateway through {@code resgate.*} properties and beans.
 */
package io.resgate.spring.gateway.requests;
