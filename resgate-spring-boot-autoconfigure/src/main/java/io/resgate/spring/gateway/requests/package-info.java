/**
 * The request path shared by the WebSocket endpoint and the HTTP API: {@link
 * io.resgate.spring.gateway.requests.GatewayService} creates connections and owns the cache;
 * {@link io.resgate.spring.gateway.requests.ClientRequestHandler} parses RES-Client requests and
 * answers them through the connection.
 */
package io.resgate.spring.gateway.requests;
